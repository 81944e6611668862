import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, matchHomes, mergeHits, moveActive, PER_KIND } from '../src/lib/quickfind';
import { isIsoDate } from '../src/lib/dates';
import type { FosterHomeSummary } from '../src/bindings/FosterHomeSummary';

const home = (id: number, name: string): FosterHomeSummary => ({ id, name, kind: 'familjehem', status: 'aktiv', city: null, members: 0 }) as FosterHomeSummary;

describe('quick find', () => {
  it('folds case and accents but keeps å, ä and ö', () => {
    expect(fold('ÉLISE')).toBe('elise');
    expect(fold('Östberg')).toBe('östberg');
    expect(fold('Åsa Ängel')).toBe('åsa ängel');
    expect(fold('O\u0308stberg')).toBe('östberg'); // decomposed ö
  });

  it('finds a home by the start of any word of its name, in any case', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-zÅÄÖåäö]{2,8}$/), { minLength: 1, maxLength: 4 }), fc.nat(), (words, pick) => {
        const name = words.join(' ');
        const w = words[pick % words.length];
        const query = w.slice(0, Math.max(1, w.length - 1)).toLocaleUpperCase('sv');
        const found = matchHomes([home(1, name), home(2, 'Zzz Qqq')], query);
        expect(found.map((h) => h.id)).toContain(1);
      }),
    );
  });

  it('never finds a home whose words do not start with every query word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }), fc.stringMatching(/^[a-z]{1,4}$/), (names, q) => {
        const homes = names.map((n, i) => home(i, n));
        for (const h of matchHomes(homes, q)) expect(fold(h.name).split(/\s+/).some((p) => p.startsWith(q))).toBe(true);
        expect(matchHomes(homes, q).length).toBeLessThanOrEqual(PER_KIND);
      }),
    );
    expect(matchHomes([home(1, 'Familjen Berg')], '   ')).toEqual([]);
  });

  it('lists persons, then homes, then journal text, at most five of each', () => {
    const persons = Array.from({ length: 7 }, (_, i) => ({ id: i, personal_number: null, number_kind: null, given_name: 'A', family_name: `B${i}`, city: null, protected_identity: false }));
    const homes = [home(1, 'Familjen Berg')];
    const entries = [{ entry_id: 9, file: { kind: 'home' as const, id: 1 }, file_name: 'Familjen Berg', event_date: '2026-01-02', excerpt: 'om [skolan]' }];
    const hits = mergeHits(persons, homes, entries, { person: () => '', home: () => '' });
    expect(hits.map((h) => h.kind)).toEqual([...Array(PER_KIND).fill('person'), 'home', 'entry']);
    expect(hits.at(-1)?.detail).toBe('2026-01-02 · om skolan');
  });

  it('moves the active hit around the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.constantFrom('ArrowDown', 'ArrowUp', 'Home', 'End', 'x')), (n, keys) => {
        let a = -1;
        for (const k of keys) {
          a = moveActive(a, n, k);
          expect(a).toBeGreaterThanOrEqual(-1);
          expect(a).toBeLessThan(n);
        }
      }),
    );
    expect(moveActive(-1, 0, 'ArrowDown')).toBe(-1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
  });
});

describe('dates', () => {
  it('accepts real ISO dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
  });

});
