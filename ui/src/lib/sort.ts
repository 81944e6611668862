// Sorting the rows of a list by one of its columns, as a Swedish reader expects: text in
// Swedish alphabetical order (å, ä, ö after z; case and accents aside), numbers by
// value, ISO dates by date. Empty values come last in either direction, and rows that
// compare equal keep the order they came in (the core's order).

export type SortDir = 'asc' | 'desc';
export type SortKind = 'text' | 'number' | 'date';
export type SortValue = string | number | null | undefined;

/** The column a list is sorted by and the direction. */
export interface SortState<K extends string = string> {
  key: K;
  dir: SortDir;
}

/** A sortable column: what kind of value it holds and how to read it from a row. */
export interface Column<T> {
  kind: SortKind;
  value: (row: T) => SortValue;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

const isEmpty = (v: SortValue): v is null | undefined | '' => v === null || v === undefined || v === '';

/** Compares two present values of a kind, ascending. */
export function compareValues(a: string | number, b: string | number, kind: SortKind): number {
  switch (kind) {
    case 'number':
      return Number(a) - Number(b);
    case 'date': {
      // `YYYY-MM-DD` (or an ISO timestamp) orders as text, character by character.
      const x = String(a);
      const y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'text':
      return collator.compare(String(a), String(b));
  }
}

/** The rows ordered by `column` in `dir`: stable, empty values last in both directions. */
export function sortRows<T>(rows: readonly T[], column: Column<T>, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: column.value(row) }))
    .sort((a, b) => {
      const ea = isEmpty(a.v);
      const eb = isEmpty(b.v);
      if (ea || eb) return ea === eb ? a.index - b.index : ea ? 1 : -1;
      return sign * compareValues(a.v as string | number, b.v as string | number, column.kind) || a.index - b.index;
    })
    .map((d) => d.row);
}

/** The rows ordered by the column `sort` names (unchanged when none or unknown). */
export function sortBy<T, K extends string>(rows: readonly T[], columns: Record<K, Column<T>>, sort: SortState<K> | null): T[] {
  if (!sort || !columns[sort.key]) return [...rows];
  return sortRows(rows, columns[sort.key], sort.dir);
}

/** The sort after a click on `key`'s header: the same column flips, another starts at `first`. */
export function nextSort<K extends string>(sort: SortState<K> | null, key: K, first: SortDir = 'asc'): SortState<K> {
  if (sort?.key === key) return { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: first };
}

/** `aria-sort` of `key`'s header: set on the sorted column only (WAI-ARIA). */
export function ariaSort(sort: SortState | null, key: string): 'ascending' | 'descending' | undefined {
  if (sort?.key !== key) return undefined;
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}
