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
