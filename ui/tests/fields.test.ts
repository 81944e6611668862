import { describe, expect, it } from 'vitest';
import { blocked, blocking, chosen, dateIn, filled, isBlocking, onlyIf, problems, settle, wholeIn } from '../src/lib/fields';
import { fieldText } from '../src/lib/errors';
import { setLang } from '../src/lib/i18n.svelte';

describe("a form's own checks", () => {
  it('an empty choice is asked for, whatever stands for nothing', () => {
    for (const none of [0, '', null, undefined, '  ']) expect(chosen(none)).toBe('required');
    for (const some of [3, 'avslutad', true, false]) expect(chosen(some)).toBeNull();
    expect(filled(' ')).toBe('required');
    expect(filled('x')).toBeNull();
  });

  it('a number must be whole and within its range', () => {
    const months = wholeIn(1, 1200);
    for (const bad of ['', '0', '1201', '-3', '2.5', 'tolv', ' ', '1e3']) expect(months(bad), bad).toBe('format');
    for (const good of ['1', '24', ' 1200 ', 60]) expect(months(good), String(good)).toBeNull();
  });

  it('a date check needs a date only when required (no document: nothing typed)', () => {
    expect(dateIn('x', true)('')).toBe('required');
    expect(dateIn('x', false)('')).toBeNull();
    expect(dateIn('x', true)('2026-03-14')).toBeNull();
  });

  it('a check applies only while its condition holds, and keeps being blocking', () => {
    let closing = false;
    const reason = onlyIf(() => closing, filled);
    expect(reason('')).toBeNull();
    closing = true;
    expect(reason('')).toBe('required');
    expect(isBlocking(reason)).toBe(false);
    expect(isBlocking(onlyIf(() => true, dateIn('x', true)))).toBe(true);
    expect(isBlocking(blocking(chosen))).toBe(true);
    expect(isBlocking(chosen)).toBe(false);
  });

  it('finds every wrong field, and says whether the core can still be asked', () => {
    const checks = { child_id: chosen, municipality_id: chosen, start_date: dateIn('x', true) };
    const found = problems({ child_id: 0, municipality_id: 4, start_date: '2026-01-01' }, checks);
    expect(found).toEqual({ child_id: 'required' });
    expect(blocked(found, checks)).toBe(false);
    const dateless = problems({ child_id: 2, municipality_id: 4, start_date: '' }, checks);
    expect(blocked(dateless, checks)).toBe(true);
  });
});

describe('errors clear as soon as the field is right', () => {
  const checks = { child_id: chosen, period: wholeIn(1, 12) };

  it('a checked field keeps its error while still wrong, and loses it when right', () => {
    const errors = { child_id: 'unknown' as const, period: 'format' as const };
    const before = { child_id: 0, period: '13' };
    const stillWrong = settle(errors, before, { child_id: 0, period: '14' }, checks);
    expect(stillWrong).toBe(errors); // nothing changed: the same object
    const right = settle(errors, before, { child_id: 5, period: '12' }, checks);
    expect(right).toEqual({});
  });

  it("an unchecked field (the core's to judge) loses its error when it changes", () => {
    const errors = { observed: 'required' as const, reporter_phone: 'format' as const };
    const next = settle(errors, { observed: '', reporter_phone: 'x' }, { observed: 'S', reporter_phone: 'x' }, {});
    expect(next).toEqual({ reporter_phone: 'format' });
  });

  it('a field emptied again is asked for again', () => {
    const next = settle({ child_id: 'unknown' }, { child_id: 9 }, { child_id: 0 }, checks);
    expect(next).toEqual({ child_id: 'required' });
  });
});

describe('what a refused field says', () => {
  it('an empty choice asks for the choice; a number says its range', () => {
    setLang('sv');
    expect(fieldText('child_id', 'required')).toBe('Välj ett barn.');
    expect(fieldText('to', 'required')).toBe('Välj en ny status.');
    expect(fieldText('decision', 'required')).toBe('Välj ett beslut.');
    // Another reason on a choice is the plain "<field> <reason>".
    expect(fieldText('child_id', 'unknown')).toMatch(/^Barn\S* finns inte\.$/);
    expect(fieldText('period_months', 'not_allowed')).toContain('från 1 till 1200');
    expect(fieldText('auto_lock_minutes', 'format')).toContain('från 1 till 240');
    expect(fieldText('given_name', 'required')).toMatch(/^Förnamn\S* måste fyllas i\.$/);
    setLang('en');
    expect(fieldText('person_id', 'required')).toBe('Choose a person.');
    setLang('sv');
  });
});
