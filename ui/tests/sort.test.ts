import { describe, expect, it } from 'vitest';
import { ariaSort, compareValues, nextSort, sortBy, sortRows, type Column, type SortDir, type SortKind, type SortValue } from '../src/lib/sort';

/** A small seeded generator (mulberry32), so a failing case can be run again. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = ['a', 'A', 'b', 'e', 'é', 'o', 'z', 'Z', 'å', 'Å', 'ä', 'Ä', 'ö', 'Ö', ' ', '-'];

interface Row {
  id: number;
  text: SortValue;
  num: SortValue;
  date: SortValue;
}

function generate(seed: number): Row[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const n = Math.floor(r() * 40);
  const rows: Row[] = [];
  for (let id = 0; id < n; id++) {
    const empty = () => pick([null, undefined, '']);
    const text = r() < 0.15 ? empty() : Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(LETTERS)).join('');
    // Few distinct values, so that ties (and with them stability) are common.
    const num = r() < 0.15 ? pick([null, undefined]) : Math.floor(r() * 7) - 3;
    const date = r() < 0.15 ? empty() : `20${10 + Math.floor(r() * 3)}-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 3)}`;
    rows.push({ id, text, num, date });
  }
  return rows;
}

const columns: Record<SortKind, Column<Row>> = {
  text: { kind: 'text', value: (x) => x.text },
  number: { kind: 'number', value: (x) => x.num },
  date: { kind: 'date', value: (x) => x.date },
};

const empty = (v: SortValue) => v === null || v === undefined || v === '';

describe('sortRows over generated rows (300 seeded lists per kind and direction)', () => {
  for (const kind of ['text', 'number', 'date'] as SortKind[]) {
    for (const dir of ['asc', 'desc'] as SortDir[]) {
      it(`${kind} ${dir}: a stable, ordered permutation with empty values last`, () => {
        for (let seed = 1; seed <= 300; seed++) {
          const rows = generate(seed);
          const col = columns[kind];
          const out = sortRows(rows, col, dir);
          // A permutation of the input; the input is not changed.
          expect(out.map((x) => x.id).sort((a, b) => a - b)).toEqual(rows.map((x) => x.id));
          expect(rows.map((x) => x.id)).toEqual(rows.map((_, i) => i));
          // Empty values last, whatever the direction.
          const firstEmpty = out.findIndex((x) => empty(col.value(x)));
          if (firstEmpty >= 0) expect(out.slice(firstEmpty).every((x) => empty(col.value(x)))).toBe(true);
          for (let i = 1; i < out.length; i++) {
            const a = col.value(out[i - 1]);
            const b = col.value(out[i]);
            if (empty(a) || empty(b)) {
              // Among empties, the order they came in.
              if (empty(a) && empty(b)) expect(out[i - 1].id).toBeLessThan(out[i].id);
              continue;
            }
            const c = compareValues(a as string | number, b as string | number, kind);
            // In order…
            expect(dir === 'asc' ? c <= 0 : c >= 0).toBe(true);
            // …and stable: equal values keep the order they came in.
            if (c === 0) expect(out[i - 1].id, `seed ${seed}`).toBeLessThan(out[i].id);
          }
        }
      });
    }
  }
});

describe('sorting as a Swedish reader expects', () => {
  const byText = (xs: string[], dir: SortDir = 'asc') => sortRows(xs, { kind: 'text', value: (x) => x }, dir);

  it('puts å, ä and ö after z, in that order, case and accents aside', () => {
    expect(byText(['Örebro', 'Åre', 'ängelholm', 'Zinkgruvan', 'abisko', 'Eskilstuna', 'Ésbo'])).toEqual([
      'abisko',
      'Ésbo',
      'Eskilstuna',
      'Zinkgruvan',
      'Åre',
      'ängelholm',
      'Örebro',
    ]);
  });

  it('orders numbers by value and dates by date, not as text', () => {
    expect(sortRows([10, 9, -2, 100], { kind: 'number', value: (x) => x }, 'asc')).toEqual([-2, 9, 10, 100]);
    expect(sortRows(['2026-10-01', '2026-09-30', '2025-12-31'], { kind: 'date', value: (x) => x }, 'desc')).toEqual([
      '2026-10-01',
      '2026-09-30',
      '2025-12-31',
    ]);
  });

  it('keeps empty values last in both directions', () => {
    const rows = [{ v: null }, { v: 2 }, { v: 1 }];
    const col: Column<{ v: number | null }> = { kind: 'number', value: (x) => x.v };
    expect(sortRows(rows, col, 'asc').map((x) => x.v)).toEqual([1, 2, null]);
    expect(sortRows(rows, col, 'desc').map((x) => x.v)).toEqual([2, 1, null]);
  });
});

describe('header state', () => {
  it('a click on the sorted column flips it, on another starts ascending', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'due', 'desc')).toEqual({ key: 'due', dir: 'desc' });
  });

  it('aria-sort is on the sorted column only', () => {
    expect(ariaSort({ key: 'name', dir: 'asc' }, 'name')).toBe('ascending');
    expect(ariaSort({ key: 'name', dir: 'desc' }, 'name')).toBe('descending');
    expect(ariaSort({ key: 'name', dir: 'asc' }, 'city')).toBeUndefined();
    expect(ariaSort(null, 'city')).toBeUndefined();
  });

  it('sortBy leaves the order alone without a sort', () => {
    const rows = [{ id: 2 }, { id: 1 }];
    const cols = { id: { kind: 'number' as const, value: (x: { id: number }) => x.id } };
    expect(sortBy(rows, cols, null)).toEqual(rows);
    expect(sortBy(rows, cols, { key: 'id', dir: 'asc' }).map((x) => x.id)).toEqual([1, 2]);
  });
});
