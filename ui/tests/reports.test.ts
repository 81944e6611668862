import { describe, expect, it } from 'vitest';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import {
  REPORT_FIELDS,
  REPORT_STATUSES,
  addMonths,
  draftAllText,
  monthChoices,
  monthLabel,
  previousMonth,
  refusalText,
  statusText,
} from '../src/features/reports/reports';
import { menuFor, groupOf } from '../src/features/shell/menu';

describe('monthly reports', () => {
  it('counts months across years, and starts at the previous month', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-11-30')).toBe('2026-10');
    const choices = monthChoices('2026-02-03', 4);
    expect(choices).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('names months and statuses in both languages', () => {
    setLang('sv');
    expect(monthLabel('2026-10')).toBe('oktober 2026');
    expect(monthLabel('nonsense')).toBe('nonsense');
    expect(statusText('signed')).toBe('Signerad');
    setLang('en');
    expect(monthLabel('2026-01')).toBe('January 2026');
    expect(statusText('sent')).toBe('Sent');
    setLang('sv');
  });

  it('says what drafting the month did, in the right plural forms', () => {
    setLang('sv');
    expect(draftAllText({ drafted: [4, 5], already: 1, restricted: 0 })).toBe(
      '2 nya utkast skapades. 1 placering hade redan en rapport för månaden.',
    );
    expect(draftAllText({ drafted: [], already: 3, restricted: 1 })).toContain('0 nya utkast skapades.');
    expect(draftAllText({ drafted: [7], already: 0, restricted: 0 })).toBe('1 nytt utkast skapades.');
  });

  it('says every refusal of a report as a sentence, in both languages', () => {
    setLang('sv');
    expect(refusalText('month', 'duplicate')).toBe('Det finns redan en månadsrapport för placeringen den månaden.');
    expect(refusalText('pdf', 'required')).toBe('Spara rapporten som PDF först.');
    expect(refusalText('home_support', 'too_long')).toBe('Familjehemmets behov av stöd har för många tecken.');
    expect(refusalText('sent_to', 'required')).toBe('Skickad till måste fyllas i.');
    const sv = dictionary('sv');
    const en = dictionary('en');
    for (const f of REPORT_FIELDS) {
      expect(sv[`reports.field.${f}`], f).toBeTruthy();
      expect(en[`reports.field.${f}`], f).toBeTruthy();
    }
    for (const s of Object.keys(REPORT_STATUSES)) {
      expect(sv[`reports.status.${s}`], s).toBeTruthy();
      expect(en[`reports.status.${s}`], s).toBeTruthy();
    }
    for (let m = 1; m <= 12; m++) {
      expect(sv[`reports.month.${m}`]).toBeTruthy();
      expect(en[`reports.month.${m}`]).toBeTruthy();
    }
  });

  it('is a place of the homes group in the menu, for every role', () => {
    expect(groupOf('monthly-reports')).toBe('homes');
    const homes = menuFor([]).find((g) => g.group === 'homes');
    expect(homes?.places.map((p) => p.place)).toContain('monthly-reports');
  });
});
