// How a file's journal is read: entries grouped into threads (an entry with the
// corrections written to it, and to those), threads in the chosen order, filtered by
// kind, author, period and drafts. Pure functions over the list the core returns, so
// they can be tested without a window.
import type { EntryKind } from '../bindings/EntryKind';
import type { JournalEntry } from '../bindings/JournalEntry';

/** The entry kinds, in the order a filter offers them. */
export const ENTRY_KINDS: readonly EntryKind[] = ['note', 'amendment', 'objection'];

export type JournalOrder = 'newest' | 'oldest';

export interface JournalFilter {
  /** '' for every kind. */
  kind: EntryKind | '';
  /** The author's user id, null for everyone. */
  author: number | null;
  /** Event date from (inclusive), `YYYY-MM-DD`, '' for no start. */
  from: string;
  /** Event date until (inclusive), `YYYY-MM-DD`, '' for no end. */
  to: string;
  draftsOnly: boolean;
}

export const NO_FILTER: Readonly<JournalFilter> = { kind: '', author: null, from: '', to: '', draftsOnly: false };

export function isFiltering(f: JournalFilter): boolean {
  return f.kind !== '' || f.author !== null || f.from !== '' || f.to !== '' || f.draftsOnly;
}

/** Whether the period runs backwards (its end before its start). */
export function periodReversed(f: JournalFilter): boolean {
  return f.from !== '' && f.to !== '' && f.to < f.from;
}

/** Whether `e` passes every part of the filter. */
export function matches(e: JournalEntry, f: JournalFilter): boolean {
  return (
    (f.kind === '' || e.kind === f.kind) &&
    (f.author === null || e.author_id === f.author) &&
    (f.from === '' || e.event_date >= f.from) &&
    (f.to === '' || e.event_date <= f.to) &&
    (!f.draftsOnly || e.signed_at === null)
  );
}

/** An entry and every correction that leads back to it, oldest correction first. */
export interface Thread {
  root: JournalEntry;
  amendments: JournalEntry[];
}

/** The entry whose correction chain `e` belongs to: the first entry of the chain (the
 * last one found if what it corrects is not in the list; in a loop, which the store
 * cannot hold, its lowest id, so that every entry of the loop lands in one thread). */
function rootOf(e: JournalEntry, byId: Map<number, JournalEntry>): JournalEntry {
  let cur = e;
  const seen = new Set<number>([cur.id]);
  while (cur.amends_id !== null) {
    const next = byId.get(cur.amends_id);
    if (!next) break;
    if (seen.has(next.id)) {
      let lowest = next;
      for (let c = byId.get(next.amends_id ?? -1); c && c.id !== next.id; c = byId.get(c.amends_id ?? -1)) {
        if (c.id < lowest.id) lowest = c;
      }
      return lowest;
    }
    seen.add(next.id);
    cur = next;
  }
  return cur;
}

const byDateThenId = (a: JournalEntry, b: JournalEntry) =>
  a.event_date < b.event_date ? -1 : a.event_date > b.event_date ? 1 : a.id - b.id;

/** Every entry in exactly one thread; threads by their first entry's event date (then
 * by when it was written), newest or oldest first; corrections in the order written. */
export function threads(entries: JournalEntry[], order: JournalOrder): Thread[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const groups = new Map<number, Thread>();
  for (const e of entries) {
    const root = rootOf(e, byId);
    let t = groups.get(root.id);
    if (!t) groups.set(root.id, (t = { root, amendments: [] }));
    if (e.id !== root.id) t.amendments.push(e);
  }
  const list = [...groups.values()];
  for (const t of list) t.amendments.sort((a, b) => a.id - b.id);
  list.sort((a, b) => byDateThenId(a.root, b.root) * (order === 'newest' ? -1 : 1));
  return list;
}

export interface JournalView {
  /** The threads with at least one matching entry, whole: a correction is never shown
   * without what it corrects, nor an entry without its corrections. */
  threads: Thread[];
  /** The ids of the entries that match the filter. */
  matching: Set<number>;
}

export function journalView(entries: JournalEntry[], filter: JournalFilter, order: JournalOrder): JournalView {
  const matching = new Set(entries.filter((e) => matches(e, filter)).map((e) => e.id));
  const shown = threads(entries, order).filter(
    (t) => matching.has(t.root.id) || t.amendments.some((a) => matching.has(a.id)),
  );
  return { threads: shown, matching };
}

/** The people who wrote in the journal, by name. */
export function authorsOf(entries: JournalEntry[]): { id: number; name: string }[] {
  const names = new Map<number, string>();
  for (const e of entries) names.set(e.author_id, e.author_name);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id - b.id);
}

const ORDER_KEY = 'akta.journal.order';

/** The order chosen on this device (a UI preference, no personal data); newest first. */
export function loadOrder(storage?: Pick<Storage, 'getItem'>): JournalOrder {
  try {
    return (storage ?? globalThis.localStorage)?.getItem(ORDER_KEY) === 'oldest' ? 'oldest' : 'newest';
  } catch {
    return 'newest';
  }
}

export function saveOrder(order: JournalOrder, storage?: Pick<Storage, 'setItem'>): void {
  try {
    (storage ?? globalThis.localStorage)?.setItem(ORDER_KEY, order);
  } catch {
    // A preference that cannot be kept is only forgotten.
  }
}
