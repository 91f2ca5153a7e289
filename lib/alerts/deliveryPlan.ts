// Pure decisions of the delivery loop: retry delays, and how a rate-limited channel's pending messages are
// split into single messages and one digest.

/** Delay before the next try after `failures` failed attempts: base·2^(failures-1), at most an hour. */
export function retryDelayMs(failures: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), 3_600_000);
}

/** Messages per window a chat robot accepts; beyond it Faultline sends a digest instead of dropping. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

// DingTalk and WeCom robots: 20 messages per minute each (over it DingTalk answers errcode 130101 and
// silences the robot for 10 minutes). Feishu custom bots: 100 per minute and 5 per second.
// The windows are 2 s longer than the services' so that network latency cannot squeeze a 21st message into
// their minute.
export const CHANNEL_RATE_LIMITS: Record<string, RateLimit | undefined> = {
  dingtalk: { limit: 20, windowMs: 62_000 },
  wecom: { limit: 20, windowMs: 62_000 },
  feishu: { limit: 5, windowMs: 1_500 },
};

export interface BatchPlan {
  /** How many of the pending messages (oldest first) go out one by one. */
  single: number;
  /** How many of the rest are merged into one digest message (0 or ≥ 2). */
  digest: number;
  /** Messages that wait for the window to free a slot. */
  deferred: number;
}

/**
 * `pending` messages for one channel and `granted` send slots: all go out singly when they fit; otherwise all
 * but one slot go out singly and the last slot carries a digest of everything else. No slot: all wait.
 */
export function planBatch(pending: number, granted: number): BatchPlan {
  if (pending <= 0) return { single: 0, digest: 0, deferred: 0 };
  if (granted <= 0) return { single: 0, digest: 0, deferred: pending };
  if (granted >= pending) return { single: pending, digest: 0, deferred: 0 };
  return { single: granted - 1, digest: pending - (granted - 1), deferred: 0 };
}
