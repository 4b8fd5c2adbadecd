/**
 * French working days (Monday to Friday, public holidays excluded), used for the review service
 * level: a request waiting more than three working days is escalated. Pure date arithmetic in UTC
 * calendar days, which is what a day-granular deadline needs.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const result = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    if (isWorkingDay(result)) left--;
  }
  return result;
}

export function isWorkingDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date);
}

export function isFrenchPublicHoliday(date: Date): boolean {
  const year = date.getUTCFullYear();
  const key = `${date.getUTCMonth() + 1}-${date.getUTCDate()}`;
  if (['1-1', '5-1', '5-8', '7-14', '8-15', '11-1', '11-11', '12-25'].includes(key)) return true;
  const easter = easterSunday(year);
  return [1, 39, 50].some((offset) => {
    const holiday = new Date(easter.getTime() + offset * 86_400_000); // Easter Monday, Ascension, Whit Monday
    return holiday.getUTCMonth() === date.getUTCMonth() && holiday.getUTCDate() === date.getUTCDate();
  });
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}
