// What the retention page shows beside the core's figures: files falling due per month
// over the next year (the chart), and those due within a number of days (dashboard).
import type { FileDue } from '../bindings/FileDue';

/** `YYYY-MM` of the twelve months starting with `asOf`'s month. */
export function nextMonths(asOf: string): string[] {
  const [y, m] = asOf.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((m - 1 + i) % 12) + 1;
    const year = y + Math.floor((m - 1 + i) / 12);
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** Files falling due per month (`YYYY-MM` → count) over the next twelve months. */
export function perMonth(asOf: string, files: FileDue[]): { month: string; count: number }[] {
  return nextMonths(asOf).map((month) => ({ month, count: files.filter((f) => f.due_on.startsWith(month)).length }));
}

/** Files due within `days` days after `asOf` (inclusive). */
export function dueWithin(asOf: string, files: FileDue[], days: number): FileDue[] {
  const limit = new Date(`${asOf}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  const last = limit.toISOString().slice(0, 10);
  return files.filter((f) => f.due_on <= last);
}
