// Display formats. The stored forms (12 digits, 10 digits) come from the core.

/** `YYYYMMDDNNNN` → `YYYYMMDD-NNNN`. */
export function formatPersonalNumber(digits: string): string {
  return /^\d{12}$/.test(digits) ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}

/** An RFC 3339 time as a local date and time, `YYYY-MM-DD HH:MM`. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
