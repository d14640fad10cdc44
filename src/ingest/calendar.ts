/**
 * Whether a date as written (`2021`, `2021-03`, `2021-03-22`) names a real
 * day or month. `Date.parse` would take `2021-02-31` as the 3rd of March, and
 * an impossible date in the archive would then be served as another one.
 */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
