// How a contact plan is said: a line ("Hembesök 1 gång i månaden"), its progress
// ("november: 1 av 1, i år: 10 av 11"), and which lines are in force. The counts come
// from the core (contact/progress.rs, the one definition of the arithmetic); these are
// pure functions over what it returns, so they can be tested without a window.
import { tDynamic, tn } from './i18n.svelte';
import type { ContactKind } from '../bindings/ContactKind';
import type { LineGlance } from '../bindings/LineGlance';
import type { PlanPer } from '../bindings/PlanPer';

export { CONTACT_KINDS } from './contacts';

/** Every period a line can count in, shortest first. */
const PERS: Record<PlanPer, number> = { week: 1, month: 2, quarter: 3, year: 4 };
export const PLAN_PERS = (Object.keys(PERS) as PlanPer[]).sort((a, b) => PERS[a] - PERS[b]);

/** "Hembesök 1 gång i månaden"; a line without a kind counts contacts of any kind. */
export function lineText(kind: ContactKind | null, times: number, per: PlanPer): string {
  const what = kind === null ? tDynamic('plans.kind.any') : tDynamic(`contacts.kind.${kind}`);
  return `${what} ${tn(`plans.per.${per}`, times)}`;
}

/** The name of the calendar month of an ISO date (`YYYY-MM-DD`), e.g. "november". */
export function monthName(iso: string): string {
  const m = Number(iso.slice(5, 7));
  return m >= 1 && m <= 12 ? tDynamic(`plans.month.${m}`) : iso;
}

/** "november: 1 av 1, i år: 10 av 11" as of `today`. */
export function progressText(g: LineGlance, today: string): string {
  return tDynamic('plans.progress', {
    month: monthName(today),
    done: g.month_done,
    expected: g.month_expected,
    year_done: g.year_done,
    year_expected: g.year_expected,
  });
}

/** The lines in force (or starting later) first, in the core's order, then the ended ones. */
export function byState(lines: LineGlance[]): { current: LineGlance[]; ended: LineGlance[] } {
  return { current: lines.filter((l) => l.current), ended: lines.filter((l) => !l.current) };
}

/** A whole number from 1 to 31 typed as text, or null. */
export function timesValue(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 31 ? n : null;
}
