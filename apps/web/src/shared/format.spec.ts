import { describe, expect, it } from '@jest/globals';
import { formatDateTime, formatSize, formatWaiting } from './format.js';

describe('French formats', () => {
  it('shows waiting time coarsely: minutes, then hours, then days', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    expect(formatWaiting('2026-11-29T11:15:00Z', now)).toBe('45 min');
    expect(formatWaiting('2026-11-29T09:30:00Z', now)).toBe('2 h 30 min');
    expect(formatWaiting('2026-11-26T09:00:00Z', now)).toBe('3 j 3 h');
    expect(formatWaiting('2026-11-29T12:05:00Z', now)).toBe('0 min'); // clock skew never shows a negative wait
  });

  it('shows instants in Paris time, and a dash for none', () => {
    expect(formatDateTime('2026-07-14T08:00:00Z')).toBe('14 juillet 2026 à 10:00');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows sizes in French units', () => {
    expect(formatSize(512)).toBe('512 o');
    expect(formatSize(1536)).toBe('1,5 Ko');
  });
});
