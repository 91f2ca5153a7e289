// What the ingest edge puts on the Redis Stream and the worker reads.

export interface QueuedEvent {
  projectId: number;
  /** Id of the project key that authenticated the request. */
  keyId: number;
  /** 32 lowercase hex, already decided at the edge (the id returned to the SDK). */
  eventId: string;
  /** ISO time the edge accepted it. */
  receivedAt: string;
  /** The sender's IP, for `{{auto}}` user IPs. */
  clientIp?: string;
  /** The event JSON exactly as received (after decompression). */
  payload: string;
}
