// Event levels in Sentry's order of severity, which the level, alert level filters and the UI compare by.
export const LEVELS = ['debug', 'info', 'warning', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];

/** Position in LEVELS, -1 for a string that is no level. */
export function levelRank(level: string): number {
  return LEVELS.indexOf(level as Level);
}
