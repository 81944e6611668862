// Quick find: one field that finds persons (name or number), homes (name) and journal
// text, and opens the hit. The pieces here are pure, so they are tested without a window.
import type { FosterHomeSummary } from '../bindings/FosterHomeSummary';
import type { PersonSummary } from '../bindings/PersonSummary';
import type { SearchHit } from '../bindings/SearchHit';

export type Hit =
  | { kind: 'person'; id: number; label: string; detail: string }
  | { kind: 'home'; id: number; label: string; detail: string }
  | { kind: 'entry'; id: number; file: SearchHit['file']; label: string; detail: string };

/** How many hits of each kind the list shows. */
export const PER_KIND = 5;

/** Folds case and accents for matching: "elise" finds "Élise". Å, ä and ö are letters
 * of their own in Swedish, so their ring and dots stay ("ostberg" does not find "Östberg"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u0307\u0309\u030B-\u036f]/g, '')
    .normalize('NFC')
    .toLocaleLowerCase('sv');
}

/** Homes whose name contains every word of `query` (at a word start), best first. */
export function matchHomes(homes: FosterHomeSummary[], query: string): FosterHomeSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return homes
    .filter((h) => {
      const parts = fold(h.name).split(/[\s\-–,]+/);
      return words.every((w) => parts.some((p) => p.startsWith(w)));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .slice(0, PER_KIND);
}

/** The hits in the order the list shows them: persons, homes, journal text. */
export function mergeHits(
  persons: PersonSummary[],
  homes: FosterHomeSummary[],
  entries: SearchHit[],
  describe: { person: (p: PersonSummary) => string; home: (h: FosterHomeSummary) => string },
): Hit[] {
  return [
    ...persons.slice(0, PER_KIND).map((p): Hit => ({ kind: 'person', id: p.id, label: `${p.given_name} ${p.family_name}`, detail: describe.person(p) })),
    ...homes.slice(0, PER_KIND).map((h): Hit => ({ kind: 'home', id: h.id, label: h.name, detail: describe.home(h) })),
    ...entries.slice(0, PER_KIND).map(
      (e): Hit => ({ kind: 'entry', id: e.entry_id, file: e.file, label: e.file_name, detail: `${e.event_date} · ${e.excerpt.replace(/[[\]]/g, '')}` }),
    ),
  ];
}

/** The next active index for a key press in a list of `n` hits (-1: none active). */
export function moveActive(active: number, n: number, key: string): number {
  if (n === 0) return -1;
  if (key === 'ArrowDown') return active + 1 >= n ? 0 : active + 1;
  if (key === 'ArrowUp') return active <= 0 ? n - 1 : active - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return active;
}
