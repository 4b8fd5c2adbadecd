import { describe, expect, it } from '@jest/globals';
import { certificateLines, frenchDate, frenchDateTime, regionalCouncil } from './french-format.js';

describe('French formatting', () => {
  it('writes dates in words, in Paris time (winter UTC+1, summer UTC+2)', () => {
    expect(frenchDate('2026-03-14T12:00:00Z')).toBe('14 mars 2026');
    expect(frenchDateTime('2026-01-15T13:30:00Z')).toBe('15 janvier 2026 à 14:30');
    expect(frenchDateTime('2026-07-14T22:05:00Z')).toBe('15 juillet 2026 à 00:05');
  });

  it('writes the first of the month as « 1er »', () => {
    expect(frenchDate(new Date('2026-03-31T22:30:00Z'))).toBe('1er avril 2026');
    expect(frenchDateTime('2026-03-31T22:30:00Z')).toBe('1er avril 2026 à 00:30');
    expect(frenchDate('2026-04-11T10:00:00Z')).toBe('11 avril 2026');
  });

  it('refuses what is not a date rather than printing « Invalid Date »', () => {
    expect(() => frenchDate('not a date')).toThrow(/not a date/);
  });

  it('names the regional council and the certificates in the contract’s words', () => {
    expect(regionalCouncil('BRE')).toBe('Conseil régional de l’Ordre des experts-comptables Bretagne');
    expect(certificateLines([{ profile: 'authentication', serialNumber: '0A1B', notAfter: '2028-01-10T10:00:00Z' }])).toBe(
      '  - certificat d’authentification, n° de série 0A1B, valable jusqu’au 10 janvier 2028',
    );
  });
});
