import { describe, expect, it } from 'vitest';
import { personLabel, pickerChoices } from '../src/lib/persons';
import type { PersonSummary } from '../src/bindings/PersonSummary';

const person = (id: number, given: string, family: string, number: string | null = null): PersonSummary => ({
  id,
  personal_number: number,
  number_kind: number ? 'personnummer' : null,
  given_name: given,
  family_name: family,
  city: null,
  protected_identity: false,
});

describe('personLabel', () => {
  it('names family first and adds the formatted number', () => {
    expect(personLabel(person(1, 'Maja', 'Holm', '201503021234'))).toBe('Holm, Maja · 20150302-1234');
  });
  it('is the name alone without a number', () => {
    expect(personLabel(person(1, 'Maja', 'Holm'))).toBe('Holm, Maja');
  });
});

describe('pickerChoices', () => {
  const a = person(1, 'Anna', 'Ek');
  const b = person(2, 'Bo', 'Ek');
  const c = person(3, 'Cia', 'Falk');
  it('leaves out the excluded', () => {
    expect(pickerChoices([a, b, c], [2], null).map((p) => p.id)).toEqual([1, 3]);
  });
  it('keeps a chosen person that the search no longer finds, first', () => {
    expect(pickerChoices([a, b], [], c).map((p) => p.id)).toEqual([3, 1, 2]);
  });
  it('does not repeat a chosen person that the search finds', () => {
    expect(pickerChoices([a, b], [], b).map((p) => p.id)).toEqual([1, 2]);
  });
});
