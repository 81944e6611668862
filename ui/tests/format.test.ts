import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPersonalNumber } from '../src/lib/format';

describe('display formats', () => {
  it('shows a stored personnummer with its separator', () => {
    expect(formatPersonalNumber('198112189876')).toBe('19811218-9876');
    expect(formatPersonalNumber('12345')).toBe('12345');
  });
  it('shows times as local date and minute', () => {
    expect(formatDateTime('2026-11-23T09:05:00Z')).toMatch(/^2026-11-23 \d\d:05$/);
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

import { formatDate } from '../src/lib/format';

describe('dates are ÅÅÅÅ-MM-DD whatever the locale', () => {
  it('shows a stored date as it is', () => {
    expect(formatDate('2026-03-14')).toBe('2026-03-14');
    expect(formatDate('1999-12-31')).toBe('1999-12-31');
  });
  it('shows a time as its local day', () => {
    expect(formatDate('2026-03-14T12:00:00Z')).toMatch(/^2026-03-1[345]$/);
    const local = new Date(2026, 0, 5, 23, 59);
    expect(formatDate(local.toISOString())).toBe('2026-01-05');
  });
  it('shows nothing for no date and never hides an odd value', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('14/03/2026')).toBe('14/03/2026');
    expect(formatDate('2026-13-45T00:00:00Z')).toBe('2026-13-45T00:00:00Z');
  });
  it('pads months, days, hours and minutes', () => {
    const d = new Date(2026, 1, 3, 4, 5);
    expect(formatDateTime(d.toISOString())).toBe('2026-02-03 04:05');
    expect(todayIso(new Date(2026, 8, 9))).toBe('2026-09-09');
  });
});

import { excerptParts, todayIso } from '../src/lib/format';

describe('search excerpts', () => {
  it('marks matches as parts, never as markup', () => {
    expect(excerptParts('…om [skolgången], Elsa [trivs].')).toEqual([
      { text: '…om ', match: false },
      { text: 'skolgången', match: true },
      { text: ', Elsa ', match: false },
      { text: 'trivs', match: true },
      { text: '.', match: false },
    ]);
    expect(excerptParts('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', match: false }]);
  });
  it('gives today as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

import { missingText, staleText } from '../src/lib/investigation';
import { setLang } from '../src/lib/i18n.svelte';
import type { Missing } from '../src/bindings/Missing';

describe('investigation checklist texts', () => {
  it('names every kind of missing part in Swedish, with its person and register', () => {
    setLang('sv');
    const all: Missing[] = [
      { item: 'home_visit' },
      { item: 'interview_adult', person_id: 1, name: 'Anna Lindqvist' },
      { item: 'interview_child', person_id: 2, name: 'Elsa Lindqvist' },
      { item: 'references', have: 1, need: 2 },
      { item: 'register_extract', person_id: 1, name: 'Anna Lindqvist', register: 'kronofogden' },
      { item: 'bra_fam' },
      { item: 'health_declaration' },
      { item: 'summary_assessment' },
    ];
    const texts = all.map(missingText);
    for (const text of texts) expect(text).not.toMatch(/missing\.|\{/);
    expect(texts[1]).toBe('Intervju med Anna Lindqvist');
    expect(texts[3]).toBe('Referenser: 1 av minst 2');
    expect(texts[4]).toBe('Kronofogden för Anna Lindqvist');
    expect(staleText({ item_id: 1, name: 'Anna', register: 'socialtjansten', issued_on: '2026-01-02' })).toContain('Socialtjänsten');
  });
});
