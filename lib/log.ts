// The one logger: JSON lines on stderr, so web and worker logs can be collected the same way.
import { config, LOG_LEVELS, type LogLevel } from './config.ts';

// Logging must never throw: when the environment does not parse (the failure being logged may be that one),
// the threshold falls back to info.
function threshold(): number {
  try {
    return LOG_LEVELS.indexOf(config().LOG_LEVEL);
  } catch {
    return LOG_LEVELS.indexOf('info');
  }
}

function write(level: LogLevel, msg: string, fields?: Record<string, unknown>) {
  if (LOG_LEVELS.indexOf(level) < threshold()) return;
  const line: Record<string, unknown> = { t: new Date().toISOString(), level, msg, ...fields };
  if (fields?.err instanceof Error) line.err = { message: fields.err.message, stack: fields.err.stack };
  process.stderr.write(JSON.stringify(line) + '\n');
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
