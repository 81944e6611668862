import { describe, expect, it } from 'vitest';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import { hoursText, parseHours } from '../src/features/training/hours';
import { QUESTION_CODES } from '../src/features/surveys/questions';
import { groupOf, menuFor } from '../src/features/shell/menu';

describe('training hours', () => {
  it('takes a decimal point or comma, and nothing else', () => {
    expect(parseHours('2,5')).toBe(2.5);
    expect(parseHours(' 3 ')).toBe(3);
    expect(parseHours('1.25')).toBe(1.25);
    expect(parseHours('')).toBeNull();
    expect(parseHours('två')).toBeNaN();
    expect(parseHours('-1')).toBeNaN();
  });

  it('shows minutes as hours in the language of the UI', () => {
    setLang('sv');
    expect(hoursText(150)).toBe('2,5');
    expect(hoursText(180)).toBe('3');
    setLang('en');
    expect(hoursText(150)).toBe('2.5');
    setLang('sv');
  });
});

describe('egenkontroll', () => {
  it('asks the five questions in order, each in both languages', () => {
    expect(QUESTION_CODES).toEqual(['reachability', 'supervision', 'information', 'training', 'overall']);
    for (const code of QUESTION_CODES) {
      for (const lang of ['sv', 'en'] as const) {
        expect(dictionary(lang)[`survey.q.${code}`], `${lang} ${code}`).toBeTruthy();
        expect(dictionary(lang)[`survey.short.${code}`], `${lang} ${code}`).toBeTruthy();
      }
    }
  });

  it('the agency summary is in the menu only for a profile that may see it', () => {
    const places = (p: Parameters<typeof menuFor>[0]) => menuFor(p).flatMap((g) => g.places.map((x) => x.place));
    expect(places([])).not.toContain('surveys');
    expect(places(['manage_requests', 'manage_retention'])).not.toContain('surveys');
    expect(places(['manage_requests', 'agency_summaries'])).toContain('surveys');
    expect(groupOf('surveys')).toBe('privacy');
  });
});
