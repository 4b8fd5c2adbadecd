/**
 * How long one client waits before its next sign-in attempt on one login, after `failures`
 * consecutive failures from that client on that login. The first few mistakes cost nothing (a
 * person mistyping); from then on each further failure doubles the wait, up to a cap, so that a
 * guesser gets about one try an hour while a person who remembers their password waits minutes.
 *
 * No limit is kept per login alone (across clients): anyone who knows a login could then lock its
 * owner out, which is the fault this replaces (issue 12). Guessing spread over many addresses is
 * bounded instead by the per-address rate limit, the password policy and argon2's cost, and each
 * address that starts backing off raises a `session.lockout` alert in the audit log.
 */
export const FREE_FAILURES = 4;
export const FIRST_BACKOFF_MS = 60_000;
export const MAX_BACKOFF_MS = 60 * 60_000;
/** A count left alone this long starts again from zero (a mistake last week is not held against anyone). */
export const FAILURES_FORGOTTEN_AFTER_MS = 24 * 60 * 60_000;

/** 0 up to FREE_FAILURES; then 1 min after the 5th failure, 2 min after the 6th, 4, 8 … capped at 1 h. */
export function backoffAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_BACKOFF_MS * 2 ** (failures - FREE_FAILURES - 1), MAX_BACKOFF_MS); // 2 ** 2000 is Infinity: still the cap
}

/** Whole seconds for Retry-After (RFC 9110 §10.2.3): rounded up, so that a client retrying on time is let in. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
