// Dates as the store keeps them and the UI shows them: ISO 8601, `YYYY-MM-DD`.

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/** Age in whole years on `today` of someone born on `born` (both `YYYY-MM-DD`). */
export function ageOn(born: string, today: string): number {
  let age = +today.slice(0, 4) - +born.slice(0, 4);
  if (today.slice(5) < born.slice(5)) age -= 1;
  return age;
}

/** The birth date in a stored personnummer or samordningsnummer (12 digits; a
 * samordningsnummer's day is the birth day + 60), as `YYYY-MM-DD`; null for anything else. */
export function birthDateOf(digits: string | null): string | null {
  if (!digits || !/^\d{12}$/.test(digits)) return null;
  let day = +digits.slice(6, 8);
  if (day > 60) day -= 60;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
