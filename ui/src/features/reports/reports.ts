// Monthly reports: months (`YYYY-MM`) and their names, the reports' statuses, what
// drafting the month's reports did, and the texts of the core's refusals.
import { fieldText } from '../../lib/errors';
import { dictionary, t, tDynamic, tn } from '../../lib/i18n.svelte';
import type { DraftAllOutcome } from '../../bindings/DraftAllOutcome';
import type { Reason } from '../../bindings/Reason';
import type { ReportStatus } from '../../bindings/ReportStatus';

/** Every status, checked against the Rust enum by the type system. */
export const REPORT_STATUSES: Record<ReportStatus, true> = { draft: true, signed: true, sent: true };

/** The fields the core names in its refusals of a monthly report. */
export const REPORT_FIELDS = [
  'month',
  'placement',
  'report',
  'pdf',
  'sent_on',
  'sent_to',
  'child_situation',
  'home_support',
  'next_steps',
] as const;

/** The month (`YYYY-MM`) `months` after `month` (before, when negative). */
export function addMonths(month: string, months: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${year}-${String(mm + 1).padStart(2, '0')}`;
}

/** The month before the one `today` (`YYYY-MM-DD`) is in: the month reports are written for. */
export function previousMonth(today: string): string {
  return addMonths(today.slice(0, 7), -1);
}

/** The months a report can be drafted for, newest first: this month and `count - 1` before. */
export function monthChoices(today: string, count = 24): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(today.slice(0, 7), -i));
}

/** "oktober 2026" / "October 2026". */
export function monthLabel(month: string): string {
  const m = Number(month.slice(5, 7));
  if (!/^\d{4}-\d{2}$/.test(month) || m < 1 || m > 12) return month;
  return t('reports.month_label', { name: tDynamic(`reports.month.${m}`), date: month.slice(0, 4) });
}

export function statusText(s: ReportStatus): string {
  return tDynamic(`reports.status.${s}`);
}

/** What drafting the month's reports did, in one sentence. */
export function draftAllText(o: DraftAllOutcome): string {
  const parts = [tn('reports.drafted', o.drafted.length)];
  if (o.already > 0) parts.push(tn('reports.already', o.already));
  if (o.restricted > 0) parts.push(tn('reports.restricted', o.restricted));
  return parts.join(' ');
}

/** A refusal of a report's field: its own sentence (`reports.refused.<field>.<reason>`)
 * when there is one, else "<field> <reason>" with the report's names of its fields. */
export function refusalText(field: string, reason: Reason): string {
  const own = `reports.refused.${field}.${reason}`;
  if (own in dictionary('sv')) return tDynamic(own);
  const name = `reports.field.${field}`;
  return name in dictionary('sv') ? `${tDynamic(name)} ${tDynamic(`reason.${reason}`)}` : fieldText(field, reason);
}
