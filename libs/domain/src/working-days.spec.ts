import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, easterSunday, isFrenchPublicHoliday } from './working-days.js';

describe('working days', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe('2027-03-28');
  });

  it('knows fixed and moving French public holidays', () => {
    expect(isFrenchPublicHoliday(new Date('2026-07-14T10:00:00Z'))).toBe(true);
    expect(isFrenchPublicHoliday(new Date('2026-04-06T10:00:00Z'))).toBe(true); // Easter Monday
    expect(isFrenchPublicHoliday(new Date('2026-05-14T10:00:00Z'))).toBe(true); // Ascension
    expect(isFrenchPublicHoliday(new Date('2026-05-25T10:00:00Z'))).toBe(true); // Whit Monday
    expect(isFrenchPublicHoliday(new Date('2026-04-07T10:00:00Z'))).toBe(false);
  });

  it('skips weekends and holidays', () => {
    // Thursday 2026-12-24 + 3 working days: Fri 25 is Christmas, then Mon 28, Tue 29, Wed 30.
    expect(addWorkingDays(new Date('2026-12-24T09:30:00Z'), 3).toISOString()).toBe('2026-12-30T09:30:00.000Z');
    // Monday + 3 = Thursday
    expect(addWorkingDays(new Date('2026-11-30T09:00:00Z'), 3).toISOString()).toBe('2026-12-03T09:00:00.000Z');
  });
});
