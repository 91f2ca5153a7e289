// The request body as the edge reads it: an idle deadline (a client that declares a length and goes silent is cut
// off with a 408 instead of holding the connection for minutes), and a body the client cut off is its own doing.
import { HttpError } from '../api/respond.ts';
import { log } from '../log.ts';
import type { Chunks } from './decode.ts';

/**
 * The body's chunks, each awaited at most `idleMs` (0: no deadline). A read that fails (the client aborted, the
 * connection reset) becomes a 400 logged at debug level: the client is gone, it is not a server error. Both close
 * the connection, whose request stream is left mid-body.
 */
export function readBody(body: Chunks, idleMs: number): Chunks {
  if (!(Symbol.asyncIterator in body)) return body;
  const it = body[Symbol.asyncIterator]();
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    let timer: NodeJS.Timeout | undefined;
    const idle =
      idleMs > 0
        ? new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new HttpError(408, `no request body bytes for ${idleMs / 1000} s`, { connection: 'close' })),
              idleMs,
            );
          })
        : null;
    try {
      return await (idle ? Promise.race([it.next(), idle]) : it.next());
    } catch (e) {
      if (e instanceof HttpError) throw e;
      log.debug('client cut the request body off', { error: (e as Error)?.message });
      throw new HttpError(400, 'the request body was cut off before its end', { connection: 'close' });
    } finally {
      clearTimeout(timer);
    }
  };
  // No return(): like the source, this is never cancelled, so what a refusal left unread can still be drained.
  return { [Symbol.asyncIterator]: () => ({ next }) };
}
