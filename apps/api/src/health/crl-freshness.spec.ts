import { describe, expect, it } from '@jest/globals';
import { crlFreshness } from './crl-freshness.js';

const now = new Date('2026-12-01T12:00:00Z');
const row = (region: string, ageMinutes: number, validityHours = 24) => ({
  region,
  crl_number_text: '42',
  this_update: new Date(now.getTime() - ageMinutes * 60_000),
  next_update: new Date(now.getTime() - ageMinutes * 60_000 + validityHours * 3_600_000),
});

describe('crlFreshness', () => {
  it('says fresh, late (two intervals missed), expired (past nextUpdate) and missing', () => {
    const result = crlFreshness(['IDF', 'BRE', 'ARA', 'NOR'], [row('IDF', 50), row('BRE', 125), row('ARA', 25 * 60)], now, 60);
    expect(result.status).toBe('attention');
    expect(Object.fromEntries(Object.entries(result.regions).map(([region, { status }]) => [region, status]))).toEqual({
      IDF: 'fresh',
      BRE: 'late',
      ARA: 'expired',
      NOR: 'missing',
    });
    expect(result.regions.IDF).toMatchObject({ crlNumber: '42', thisUpdate: '2026-12-01T11:10:00.000Z' });
  });

  it('without a schedule, only an expired or missing CRL needs attention', () => {
    expect(crlFreshness(['IDF'], [row('IDF', 20 * 60)], now, 0)).toEqual({ status: 'ok', regions: { IDF: expect.objectContaining({ status: 'fresh' }) } });
  });
});
