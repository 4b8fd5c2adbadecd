import { describe, expect, it } from '@jest/globals';
import { isOutboxFileName, outboxFileName } from './outbox-file-name.js';

describe('outbox file names', () => {
  it('sort in time order, to the millisecond', () => {
    const names = ['2026-03-02T08:00:00.999Z', '2026-03-02T08:00:01.000Z', '2026-11-30T23:59:59.000Z', '2027-01-01T00:00:00.000Z'].map((time) =>
      outboxFileName(new Date(time)),
    );
    expect([...names].reverse().sort()).toEqual(names);
    expect(names[0]).toMatch(/^20260302T080000999Z-/);
  });

  it('are unique and keep sending order within one millisecond', () => {
    const now = new Date('2026-03-02T08:00:00.000Z');
    const names = Array.from({ length: 200 }, () => outboxFileName(now));
    expect(new Set(names).size).toBe(200);
    expect([...names].sort()).toEqual(names);
  });

  it('are recognised as outbox files, and temporary files are not', () => {
    const name = outboxFileName(new Date());
    expect(isOutboxFileName(name)).toBe(true);
    expect(isOutboxFileName(`.${name}.a1b2c3.tmp`)).toBe(false);
  });
});
