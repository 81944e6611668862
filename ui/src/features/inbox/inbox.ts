// The inbox's wording and shape: what a line says (from its kind and its Why facts, in
// the UI's language), where it opens, its sections and groups, and the filters. Pure
// functions over what the core returns (due/inbox.rs decides what is due), so they can
// be tested without a window.
import { dictionary, i18n, t, tDynamic, tn } from '../../lib/i18n.svelte';
import { open } from '../../lib/nav.svelte';
import { monthName } from '../../lib/plans';
import type { Bucket } from '../../bindings/Bucket';
import type { DueItem } from '../../bindings/DueItem';
import type { DueKind } from '../../bindings/DueKind';
import type { Group } from '../../bindings/Group';
import type { Place } from '../../bindings/Place';

/** Every kind, in the filter's order (as DueKind::ALL). */
export const DUE_KINDS: DueKind[] = [
  'plan_contact',
  'monthly_report',
  'register_check',
  'health_declaration',
  'training',
  'agreement_ends',
  'investigation_open',
  'evidence_ages',
  'request',
  'concern',
  'stale_draft',
  'purge',
  'handover',
  'manual',
];

/** The sections, in order, with their test ids. */
export const SECTIONS: { bucket: Bucket; key: string; testid: string }[] = [
  { bucket: 'overdue', key: 'inbox.section.overdue', testid: 'inbox-section-overdue' },
  { bucket: 'today', key: 'inbox.section.today', testid: 'inbox-section-today' },
  { bucket: 'this_week', key: 'inbox.section.week', testid: 'inbox-section-week' },
  { bucket: 'later', key: 'inbox.section.later', testid: 'inbox-section-later' },
];

/** A key's text if the current language (or Swedish) has it. */
function known(key: string): string | null {
  return dictionary(i18n.lang)[key] ?? dictionary('sv')[key] ?? null;
}

/** A sub-kind (`Why.detail`) by whichever closed set names it; else as written. */
export function detailText(detail: string): string {
  for (const prefix of ['due.detail.', 'contacts.kind.', 'request_kind.', 'register.', 'reminder.', 'plans.per_option.']) {
    const text = known(prefix + detail);
    if (text) return text;
  }
  return detail.replace(/_/g, ' ');
}

/** "oktober 2026" of `YYYY-MM`. */
export function monthText(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? `${monthName(`${month}-01`)} ${month.slice(0, 4)}` : month;
}

/** A plan line's periods as `Why.detail` names them when the line has no contact kind. */
const PERIODS = ['week', 'month', 'quarter', 'year'];

/** A plan line's count in its period: "0 av 1 den här veckan", "1 av 1 i oktober 2026";
 * more than the plan asks for as "2 gjorda (planen: 1)", never a bare "2 av 1". */
function planCount(item: DueItem): string | null {
  const w = item.why;
  const per = w.period ?? (w.detail && PERIODS.includes(w.detail) ? w.detail : null);
  const period = w.month
    ? tDynamic('due.period.in_month', { month: monthText(w.month) })
    : per
      ? tDynamic(`due.period.${per}`)
      : null;
  if (w.done === null || w.expected === null) return period;
  if (w.done > w.expected) return [tn('due.part.made', w.done), period, tDynamic('due.part.plan', { expected: w.expected })].filter(Boolean).join(' ');
  const count = tDynamic('due.part.progress', { done: w.done, expected: w.expected });
  return period ? `${count} ${period}` : count;
}

/** What a line says: its kind, then the facts it has, each worded for the kind
 * ("Månadsrapport · Elsa Berg · oktober 2026"; as DueItem::describe words them). */
export function whyText(item: DueItem): string {
  const w = item.why;
  const kind = item.kind;
  const parts: string[] = [tDynamic(`due.kind.${kind}`)];
  if (w.person) parts.push(w.person);
  if (kind === 'plan_contact') {
    if (w.detail && !PERIODS.includes(w.detail)) parts.push(detailText(w.detail));
    const count = planCount(item);
    if (count) parts.push(count);
    const per = w.period ?? (w.detail && PERIODS.includes(w.detail) ? w.detail : 'month');
    if (w.owed !== null && w.owed > 0) parts.push(tn(`due.owed.${per}`, w.owed));
    else if (w.flagged) parts.push(t('due.flag.plan_contact'));
  } else {
    if (w.detail) parts.push(detailText(w.detail));
    if (kind === 'investigation_open') {
      if (w.done !== null && w.done > 0) parts.push(tn('due.part.missing', w.done));
    } else if (w.done !== null && w.expected !== null) {
      parts.push(
        w.done > w.expected
          ? `${tn('due.part.made', w.done)} ${tDynamic('due.part.target', { expected: w.expected })}`
          : tDynamic('due.part.progress', { done: w.done, expected: w.expected }),
      );
    }
    if (w.month) parts.push(monthText(w.month));
  }
  if (kind === 'request' && w.since !== null && w.since === item.due_on) {
    // Waiting for the requester's identity: due the day it came in.
    parts.push(tDynamic('due.since.request', { date: w.since }), t('due.part.identity'));
  } else {
    if (w.since) parts.push(tDynamic(known(`due.since.${kind}`) ? `due.since.${kind}` : 'due.part.since', { date: w.since }));
    if (kind === 'request') parts.push(tDynamic(w.flagged ? 'due.flag.request' : 'due.part.answer_by', { date: item.due_on }));
  }
  if (w.text) parts.push(w.text);
  return parts.join(' · ');
}

/** Opens the place where a line is dealt with. */
export function openPlace(p: Place): void {
  switch (p.kind) {
    case 'home':
      return open.home(p.home_id);
    case 'person':
      return open.person(p.person_id);
    case 'placement':
      return open.placement(p.home_id);
    case 'investigation':
      return open.investigation(p.home_id);
    case 'request':
      return open.request(p.request_id);
    case 'concern':
      return open.concern(p.report_id);
    case 'entry':
      return open.file(p.file, p.entry_id);
    case 'monthly_report':
      return open.monthlyReport(p.placement_id, p.month, p.report_id ?? undefined);
    case 'retention':
      return open.retention();
  }
}

/** A group's stable key and its heading. */
export function groupKey(g: Group): string {
  return g.kind === 'agency' ? 'agency' : g.kind === 'home' ? `home-${g.home_id}` : `person-${g.person_id}`;
}

export function groupName(g: Group): string {
  return g.kind === 'agency' ? t('inbox.agency') : g.name;
}

/** The lines of one section, grouped by home or child in order of first appearance
 * (the core sorts by date, so the group with the earliest line comes first). */
export function grouped(items: DueItem[]): { key: string; group: Group; items: DueItem[] }[] {
  const out = new Map<string, { key: string; group: Group; items: DueItem[] }>();
  for (const item of items) {
    const key = groupKey(item.group);
    const g = out.get(key) ?? { key, group: item.group, items: [] };
    g.items.push(item);
    out.set(key, g);
  }
  return [...out.values()];
}

/** The filters: a kind (or all) and a profile (or all). A line for no particular
 * profile is everyone's, so it stays under every profile. */
export function filtered(items: DueItem[], kind: DueKind | 'all', profile: number | 'all'): DueItem[] {
  return items.filter(
    (i) => (kind === 'all' || i.kind === kind) && (profile === 'all' || i.profile_id === null || i.profile_id === profile),
  );
}

/** How many lines are overdue or due today (the navigation's badge). */
export function urgent(items: DueItem[]): number {
  return items.filter((i) => i.bucket === 'overdue' || i.bucket === 'today').length;
}
