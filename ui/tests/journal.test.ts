import { describe, expect, it } from 'vitest';
import {
  ENTRY_KINDS,
  NO_FILTER,
  authorsOf,
  isFiltering,
  journalView,
  loadOrder,
  matches,
  periodReversed,
  saveOrder,
  threads,
  type JournalFilter,
  type JournalOrder,
} from '../src/lib/journal';
import type { JournalEntry } from '../src/bindings/JournalEntry';

// A small seeded generator, so that a failure can be replayed from its seed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const AUTHORS = [
  { id: 1, name: 'Karin Konsulent' },
  { id: 2, name: 'Åsa Öberg' },
  { id: 3, name: 'Bo Ek' },
];
const DATES = ['2024-01-05', '2024-01-05', '2024-02-10', '2024-03-01', '2024-03-15', '2024-12-31', '2025-01-01'];

function entry(id: number, over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id,
    kind: 'note',
    event_date: '2024-01-01',
    text: `Anteckning ${id}`,
    author_id: 1,
    author_name: 'Karin Konsulent',
    amends_id: null,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2024-01-01T10:00:00Z',
    signed_at: null,
    signed_by_name: null,
    stale_draft: false,
    ...over,
  };
}

/** A journal as the core could return it: notes and objections, corrections of signed
 * entries (also of corrections), drafts and signed entries, a few authors and dates. */
function journal(r: () => number): JournalEntry[] {
  const n = Math.floor(r() * 25);
  const list: JournalEntry[] = [];
  for (let id = 1; id <= n; id++) {
    const signed = list.filter((e) => e.signed_at !== null);
    const correcting = signed.length > 0 && r() < 0.35 ? pick(r, signed) : null;
    const who = pick(r, AUTHORS);
    const isSigned = r() < 0.6;
    list.push(
      entry(id, {
        kind: correcting ? 'amendment' : r() < 0.2 ? 'objection' : 'note',
        event_date: pick(r, DATES),
        author_id: who.id,
        author_name: who.name,
        amends_id: correcting ? correcting.id : null,
        signed_at: isSigned ? '2025-01-02T09:00:00Z' : null,
        signed_by_name: isSigned ? who.name : null,
      }),
    );
  }
  return list;
}

function filterFor(r: () => number): JournalFilter {
  const maybe = <T>(v: T, none: T) => (r() < 0.5 ? v : none);
  const from = maybe(pick(r, DATES), '');
  const to = maybe(pick(r, DATES), '');
  return {
    kind: maybe(pick(r, ENTRY_KINDS), ''),
    author: maybe(pick(r, AUTHORS).id, null),
    from,
    to,
    draftsOnly: r() < 0.3,
  };
}

const RUNS = 400;
const cases = Array.from({ length: RUNS }, (_, seed) => {
  const r = rng(seed + 1);
  return { seed, entries: journal(r), filter: filterFor(r), order: (r() < 0.5 ? 'newest' : 'oldest') as JournalOrder };
});

describe('threads', () => {
  it('holds every entry exactly once, each correction under the entry its chain leads to', () => {
    for (const { seed, entries, order } of cases) {
      const ts = threads(entries, order);
      const ids = ts.flatMap((t) => [t.root.id, ...t.amendments.map((a) => a.id)]);
      expect(ids.sort((a, b) => a - b), `seed ${seed}`).toEqual(entries.map((e) => e.id));
      const byId = new Map(entries.map((e) => [e.id, e]));
      for (const t of ts) {
        expect(t.root.amends_id, `seed ${seed}`).toBeNull();
        for (const a of t.amendments) {
          let cur = a;
          while (cur.amends_id !== null) cur = byId.get(cur.amends_id)!;
          expect(cur.id, `seed ${seed}`).toBe(t.root.id);
        }
      }
    }
  });

  it('orders threads monotonically by event date then id, and corrections as written', () => {
    for (const { seed, entries, order } of cases) {
      const ts = threads(entries, order);
      const key = (e: JournalEntry) => `${e.event_date}#${String(e.id).padStart(6, '0')}`;
      for (let i = 1; i < ts.length; i++) {
        const [a, b] = [key(ts[i - 1].root), key(ts[i].root)];
        if (order === 'newest') expect(a > b, `seed ${seed}`).toBe(true);
        else expect(a < b, `seed ${seed}`).toBe(true);
      }
      for (const t of ts) {
        for (let i = 1; i < t.amendments.length; i++) expect(t.amendments[i - 1].id < t.amendments[i].id).toBe(true);
      }
    }
  });

  it('shows the other order exactly reversed', () => {
    for (const { entries } of cases) {
      const newest = threads(entries, 'newest').map((t) => t.root.id);
      const oldest = threads(entries, 'oldest').map((t) => t.root.id);
      expect(newest).toEqual([...oldest].reverse());
    }
  });

  it('keeps a correction whose entry is missing, and survives a loop', () => {
    const orphan = entry(2, { kind: 'amendment', amends_id: 99 });
    expect(threads([orphan], 'newest').map((t) => t.root.id)).toEqual([2]);
    const loop = [entry(1, { amends_id: 2 }), entry(2, { amends_id: 1 })];
    expect(threads(loop, 'oldest').flatMap((t) => [t.root.id, ...t.amendments.map((a) => a.id)]).sort()).toEqual([1, 2]);
  });
});

describe('journalView', () => {
  it('matches a subset of the journal, each match passing every filter, and misses none', () => {
    for (const { seed, entries, filter, order } of cases) {
      const v = journalView(entries, filter, order);
      const all = new Set(entries.map((e) => e.id));
      for (const id of v.matching) expect(all.has(id), `seed ${seed}`).toBe(true);
      for (const e of entries) {
        const passes =
          (filter.kind === '' || e.kind === filter.kind) &&
          (filter.author === null || e.author_id === filter.author) &&
          (filter.from === '' || e.event_date >= filter.from) &&
          (filter.to === '' || e.event_date <= filter.to) &&
          (!filter.draftsOnly || e.signed_at === null);
        expect(v.matching.has(e.id), `seed ${seed}, entry ${e.id}`).toBe(passes);
      }
    }
  });

  it('shows exactly the threads with a match, whole, in the chosen order', () => {
    for (const { seed, entries, filter, order } of cases) {
      const v = journalView(entries, filter, order);
      const shownIds = v.threads.flatMap((t) => [t.root.id, ...t.amendments.map((a) => a.id)]);
      for (const id of v.matching) expect(shownIds, `seed ${seed}`).toContain(id);
      for (const t of v.threads) {
        expect([t.root, ...t.amendments].some((e) => v.matching.has(e.id)), `seed ${seed}`).toBe(true);
      }
      const inOrder = threads(entries, order).map((t) => t.root.id);
      const roots = v.threads.map((t) => t.root.id);
      expect(roots, `seed ${seed}`).toEqual(inOrder.filter((id) => roots.includes(id)));
    }
  });

  it('without a filter matches everything', () => {
    for (const { entries, order } of cases) {
      const v = journalView(entries, NO_FILTER, order);
      expect(v.matching.size).toBe(entries.length);
      expect(v.threads).toEqual(threads(entries, order));
    }
  });

  it('narrows as filters are added', () => {
    for (const { seed, entries, filter, order } of cases) {
      const full = journalView(entries, filter, order).matching;
      const loose = journalView(entries, { ...filter, draftsOnly: false, kind: '' }, order).matching;
      for (const id of full) expect(loose.has(id), `seed ${seed}`).toBe(true);
    }
  });

  it('takes the period inclusively at both ends', () => {
    const e = entry(1, { event_date: '2024-03-01' });
    expect(matches(e, { ...NO_FILTER, from: '2024-03-01', to: '2024-03-01' })).toBe(true);
    expect(matches(e, { ...NO_FILTER, from: '2024-03-02' })).toBe(false);
    expect(matches(e, { ...NO_FILTER, to: '2024-02-29' })).toBe(false);
  });
});

describe('filter helpers', () => {
  it('knows when a filter is set and when a period runs backwards', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, draftsOnly: true })).toBe(true);
    expect(isFiltering({ ...NO_FILTER, author: 3 })).toBe(true);
    expect(periodReversed({ ...NO_FILTER, from: '2024-05-01', to: '2024-04-30' })).toBe(true);
    expect(periodReversed({ ...NO_FILTER, from: '2024-05-01', to: '2024-05-01' })).toBe(false);
    expect(periodReversed({ ...NO_FILTER, from: '2024-05-01' })).toBe(false);
  });

  it('lists each author once, by name', () => {
    for (const { entries } of cases) {
      const authors = authorsOf(entries);
      expect(new Set(authors.map((a) => a.id)).size).toBe(authors.length);
      expect(authors.map((a) => a.id).sort()).toEqual([...new Set(entries.map((e) => e.author_id))].sort());
    }
    const names = authorsOf(AUTHORS.map((a, i) => entry(i + 1, { author_id: a.id, author_name: a.name }))).map((a) => a.name);
    expect(names).toEqual(['Bo Ek', 'Karin Konsulent', 'Åsa Öberg']);
  });
});

describe('order preference', () => {
  it('is newest first unless oldest first was chosen, and survives a storage that fails', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    expect(loadOrder(storage)).toBe('newest');
    saveOrder('oldest', storage);
    expect(loadOrder(storage)).toBe('oldest');
    saveOrder('newest', storage);
    expect(loadOrder(storage)).toBe('newest');
    expect([...kept.values()].join()).not.toMatch(/\d{8}/);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadOrder(broken)).toBe('newest');
    expect(() => saveOrder('oldest', broken)).not.toThrow();
  });
});
