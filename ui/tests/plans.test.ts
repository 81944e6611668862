import { describe, expect, it } from 'vitest';
import { setLang } from '../src/lib/i18n.svelte';
import { CONTACT_KINDS, PLAN_PERS, byState, lineText, monthName, progressText, timesValue } from '../src/lib/plans';
import type { LineGlance } from '../src/bindings/LineGlance';

function glance(id: number, current: boolean, behind = false): LineGlance {
  return {
    line: { id, home_id: 1, placement_id: null, kind: 'hembesok', times: 1, per: 'month', valid_from: '2026-01-01', valid_to: current ? null : '2026-06-30' },
    current,
    month_expected: 1,
    month_done: 1,
    year_expected: 11,
    year_done: 10,
    behind,
  };
}

describe('contact plans', () => {
  it('says a line as a caseworker would, in both languages', () => {
    setLang('sv');
    expect(lineText('hembesok', 1, 'month')).toBe('Hembesök 1 gång i månaden');
    expect(lineText('telefon', 2, 'week')).toBe('Telefonsamtal 2 gånger i veckan');
    expect(lineText(null, 4, 'quarter')).toBe('Kontakt av alla slag 4 gånger i kvartalet');
    setLang('en');
    expect(lineText('hembesok', 1, 'year')).toBe('Home visit 1 time a year');
    setLang('sv');
  });

  it('says the progress with the month of today', () => {
    setLang('sv');
    expect(progressText(glance(1, true), '2026-11-23')).toBe('november: 1 av 1, i år: 10 av 11');
    expect(monthName('2026-01-31')).toBe('januari');
    expect(monthName('2026-12-01')).toBe('december');
  });

  it('puts the lines in force before the ended ones', () => {
    const { current, ended } = byState([glance(1, false), glance(2, true), glance(3, true)]);
    expect(current.map((l) => l.line.id)).toEqual([2, 3]);
    expect(ended.map((l) => l.line.id)).toEqual([1]);
  });

  it('offers every kind and period once', () => {
    expect(CONTACT_KINDS).toHaveLength(8);
    expect(CONTACT_KINDS[0]).toBe('hembesok');
    expect(PLAN_PERS).toEqual(['week', 'month', 'quarter', 'year']);
  });

  it('takes a whole number from 1 to 31 as times', () => {
    expect(timesValue(' 3 ')).toBe(3);
    for (const bad of ['0', '32', '1.5', '', 'två', '-1']) expect(timesValue(bad), bad).toBeNull();
  });
});
