// What sending one message to a channel produced: shown in the delivery log.

export interface SendResult {
  ok: boolean;
  /** The receiver's reply (status line and body), kept for the delivery log. */
  response: string;
  error?: string;
  /** Retrying cannot help (bad settings): fail at once. */
  permanent?: boolean;
}

export function replyText(status: number, body: string): string {
  return `HTTP ${status} ${body}`.slice(0, 4000);
}
