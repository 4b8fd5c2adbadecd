import { describe, expect, it } from '@jest/globals';
import { formatEuros, parseEuros } from './euros.js';

describe('amounts in euros', () => {
  it('reads what people type, in French or not, into cents', () => {
    expect(parseEuros('240')).toBe(24_000);
    expect(parseEuros('240,00')).toBe(24_000);
    expect(parseEuros(' 1 240,5 € ')).toBe(124_050);
    expect(parseEuros('19.99')).toBe(1_999);
  });

  it('refuses what is not a positive amount with at most two decimals', () => {
    for (const text of ['', '0', '0,00', '-5', '12,345', 'douze', '1e3', '240,00,00']) expect(parseEuros(text)).toBeUndefined();
  });

  it('writes cents the French way', () => {
    expect(formatEuros(24_000)).toMatch(/^240,00\s€$/);
  });
});
