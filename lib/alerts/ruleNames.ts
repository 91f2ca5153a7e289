// The names of rule triggers and event levels, without zod, so client components can list them.
export const TRIGGERS = ['new_issue', 'regression', 'frequency', 'user_frequency', 'every_event'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const LEVELS = ['debug', 'info', 'warning', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];
