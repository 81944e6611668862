// Lengths of training: typed as hours (a decimal point or comma, "2,5"), stored as
// minutes by the core, shown as hours with a decimal comma in Swedish.
import { i18n } from '../../lib/i18n.svelte';

/** The hours typed: null for none, NaN for text that is not a number. */
export function parseHours(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (v === '') return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

/** Minutes as hours for display: "2,5" (Swedish) or "2.5", at most two decimals. */
export function hoursText(minutes: number): string {
  const locale = i18n.lang === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(minutes / 60);
}
