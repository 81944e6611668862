// Display formats. The stored forms (12 digits, 10 digits) come from the core.

/** `YYYYMMDDNNNN` → `YYYYMMDD-NNNN`. */
export function formatPersonalNumber(digits: string): string {
  return /^\d{12}$/.test(digits) ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}

// Dates are shown as ÅÅÅÅ-MM-DD whatever the system's locale, so never through the
// locale's own date formatting (tests/i18n.test.ts checks the sources).

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date's local calendar day as `YYYY-MM-DD`. */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date for display, `YYYY-MM-DD`: a stored date (`YYYY-MM-DD`) as it is, an RFC 3339
 * time as its local day; empty for none; anything else unchanged rather than hidden. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? localDay(d) : value;
}

/** An RFC 3339 time as a local date and time, `YYYY-MM-DD HH:MM`. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today's local date as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return localDay(now);
}

/** Splits a search excerpt whose matches are marked `[` … `]` into parts, so that the
 * UI can show the matches highlighted without ever treating text as HTML. */
export function excerptParts(excerpt: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (const m of excerpt.matchAll(re)) {
    if (m.index > last) parts.push({ text: excerpt.slice(last, m.index), match: false });
    parts.push({ text: m[1], match: true });
    last = m.index + m[0].length;
  }
  if (last < excerpt.length) parts.push({ text: excerpt.slice(last), match: false });
  return parts;
}
