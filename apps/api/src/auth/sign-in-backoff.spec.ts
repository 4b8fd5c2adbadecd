import { describe, expect, it } from '@jest/globals';
import { FIRST_BACKOFF_MS, FREE_FAILURES, MAX_BACKOFF_MS, backoffAfter, retryAfterSeconds } from './sign-in-backoff.js';

const minutes = (n: number) => n * 60_000;

describe('sign-in back-off', () => {
  it('costs nothing for the first four failures, then 1 minute after the fifth', () => {
    expect(FREE_FAILURES).toBe(4);
    for (let failures = 0; failures <= 4; failures++) expect(backoffAfter(failures)).toBe(0);
    expect(backoffAfter(5)).toBe(FIRST_BACKOFF_MS);
    expect(FIRST_BACKOFF_MS).toBe(minutes(1));
  });

  it('doubles with each further failure, and stops at one hour', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12].map(backoffAfter)).toEqual([1, 2, 4, 8, 16, 32, 60, 60].map(minutes));
    expect(MAX_BACKOFF_MS).toBe(minutes(60));
    expect(backoffAfter(1_000_000)).toBe(MAX_BACKOFF_MS);
    expect(backoffAfter(Number.MAX_SAFE_INTEGER)).toBe(MAX_BACKOFF_MS);
  });

  it('never shrinks as failures grow', () => {
    for (let failures = 0; failures < 40; failures++) expect(backoffAfter(failures + 1)).toBeGreaterThanOrEqual(backoffAfter(failures));
  });

  it('gives Retry-After in whole seconds, rounded up, at least 1', () => {
    expect(retryAfterSeconds(60_000)).toBe(60);
    expect(retryAfterSeconds(59_001)).toBe(60);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
