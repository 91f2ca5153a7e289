// Which database errors are worth trying again, recognised by SQLSTATE code (the one stable contract: message
// texts change with PostgreSQL's version and locale). Both pg and Prisma's pg adapter carry the code on the error.
// https://www.postgresql.org/docs/current/errcodes-appendix.html

/** Deadlock (40P01) and serialization failure (40001): the transaction lost a race; running it again succeeds. */
const RETRY_TRANSACTION = new Set(['40001', '40P01']);

/** The server went away or is not taking work right now: admin/crash shutdown, starting up, too many connections. */
const SERVER_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

/** The SQLSTATE of a database error, or null for anything else. */
export function sqlState(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  // Five characters like a SQLSTATE, but not Prisma's own P1000–P6999 (PostgreSQL's only P class is P0, PL/pgSQL).
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^P[1-9]/.test(code) ? code : null;
}

/** A transaction that failed only because a concurrent one won: retry it as it is. */
export function isRetryableTransaction(e: unknown): boolean {
  const code = sqlState(e);
  return code !== null && RETRY_TRANSACTION.has(code);
}

/**
 * Nobody's fault and likely gone on a retry: a lost race (class 40), a lost or refused connection (class 08),
 * a server shutting down or overloaded (57P0x, 53300).
 */
export function isTransientDbError(e: unknown): boolean {
  const code = sqlState(e);
  if (code === null) return false;
  return RETRY_TRANSACTION.has(code) || SERVER_UNAVAILABLE.has(code) || code.startsWith('08');
}
