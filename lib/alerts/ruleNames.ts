// The names of rule triggers and event levels, without zod, so client components can list them.
export const TRIGGERS = ['new_issue', 'regression', 'frequency', 'user_frequency', 'every_event'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export { LEVELS, type Level } from '../events/level.ts';
