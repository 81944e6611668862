import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import {
  CONTACT_KINDS,
  PARTICIPANT_ROLES,
  childrenOn,
  contactsOf,
  inputOf,
  minutesValue,
  participantsText,
  peopleOn,
  wallClock,
  whenText,
} from '../src/lib/contacts';
import type { ContactDetails } from '../src/bindings/ContactDetails';
import type { JournalEntry } from '../src/bindings/JournalEntry';
import type { Member } from '../src/bindings/Member';
import type { Placement } from '../src/bindings/Placement';

const person = (id: number, given: string, family: string) => ({
  id,
  personal_number: null,
  number_kind: null,
  given_name: given,
  family_name: family,
  city: null,
  protected_identity: false,
});

const member = (id: number, given: string, left_on: string | null = null): Member => ({
  role: 'vuxen',
  person: person(id, given, 'Lindqvist'),
  joined_on: '2026-01-01',
  left_on,
});

const placement = (id: number, childId: number, given: string, start: string, end: string | null = null): Placement => ({
  id,
  child: person(childId, given, 'Johansson'),
  home_id: 1,
  home_name: 'Familjen Lindqvist',
  municipality_id: 1,
  municipality_name: 'Göteborgs Stad',
  start_date: start,
  end_date: end,
  end_reason: end ? 'Flyttar hem' : null,
});

const details: ContactDetails = {
  kind: 'hembesok',
  child_id: 7,
  child_name: 'Liam Johansson',
  starts_at: '14:30',
  minutes: 90,
  participants: [
    { kind: 'person', person_id: 2, name: 'Åsa Lindqvist' },
    { kind: 'role', role: 'socialsekreterare' },
  ],
  themes: [
    { code: 'skola', label: 'Skola och förskola', retired: false },
    { code: 'gammalt', label: 'Gammalt tema', retired: true },
  ],
};

const entry = (id: number, contact?: ContactDetails): JournalEntry => ({
  id,
  kind: 'note',
  event_date: '2026-10-31',
  text: `Anteckning ${id}`,
  author_id: 1,
  author_name: 'Karin Konsulent',
  amends_id: null,
  created_at: '2026-10-31T10:00:00Z',
  updated_at: '2026-10-31T10:00:00Z',
  signed_at: null,
  signed_by_name: null,
  stale_draft: false,
  ...(contact ? { contact } : {}),
});

describe('contact kinds and roles', () => {
  it('every kind and role has a label in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      const d = dictionary(lang);
      for (const k of CONTACT_KINDS) expect(d[`contacts.kind.${k}`], `${lang} ${k}`).toBeTruthy();
      for (const r of PARTICIPANT_ROLES) expect(d[`contacts.role.${r}`], `${lang} ${r}`).toBeTruthy();
    }
    expect(CONTACT_KINDS).toHaveLength(8);
    expect(CONTACT_KINDS[0]).toBe('hembesok');
    expect(PARTICIPANT_ROLES).toHaveLength(7);
  });

  it('every refusal the core names for a contact has its own sentence in both languages', () => {
    const refusals = [
      'date.future', 'starts_at.format', 'minutes.format', 'child_id.unknown', 'child_id.not_allowed',
      'participants.unknown', 'participants.not_allowed', 'participants.duplicate', 'themes.unknown',
      'themes.duplicate', 'text.required', 'text.too_long', 'text.characters', 'entry.not_allowed',
      'label.required', 'label.duplicate', 'label.characters', 'label.too_long',
    ];
    for (const lang of ['sv', 'en'] as const) {
      for (const r of refusals) expect(dictionary(lang)[`contacts.refused.${r}`], `${lang} ${r}`).toBeTruthy();
    }
  });
});

describe('time and length as typed', () => {
  it('reads a time of day in the forms people type it', () => {
    expect(wallClock('14:30')).toBe('14:30');
    expect(wallClock(' 9:05 ')).toBe('09:05');
    expect(wallClock('09.30')).toBe('09:30');
    expect(wallClock('0930')).toBe('09:30');
    expect(wallClock('23:59')).toBe('23:59');
    expect(wallClock('00:00')).toBe('00:00');
    for (const bad of ['24:00', '12:60', '', '12', '1:2', '12:300', 'kl 12', '12:00:00', '-1:00']) {
      expect(wallClock(bad), bad).toBeNull();
    }
  });

  it('every time it accepts is HH:MM within the day, and every HH:MM within the day is accepted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), (s) => {
        const t = wallClock(s);
        if (t !== null) {
          expect(t).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        }
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const t = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(wallClock(t)).toBe(t);
      }),
    );
  });

  it('reads a length from 1 to 1440 minutes; empty is none, anything else wrong', () => {
    expect(minutesValue('')).toBeNull();
    expect(minutesValue(' 90 ')).toBe(90);
    expect(minutesValue('1')).toBe(1);
    expect(minutesValue('1440')).toBe(1440);
    for (const bad of ['0', '1441', '-5', '1.5', 'en timme', '90 min']) expect(minutesValue(bad), bad).toBeUndefined();
  });
});

describe('who can take part', () => {
  const members = [member(1, 'Åsa'), member(2, 'Bo', '2026-06-30')];
  const placements = [placement(10, 7, 'Liam', '2026-09-01'), placement(11, 8, 'Maja', '2025-01-01', '2026-03-31')];

  it('the members who had not left and the children placed that day', () => {
    expect(peopleOn(members, placements, '2026-10-31').map((p) => p.id)).toEqual([1, 7]);
    expect(peopleOn(members, placements, '2026-03-31').map((p) => p.id)).toEqual([1, 2, 8]);
    expect(peopleOn(members, placements, '2026-06-30').map((p) => p.id)).toEqual([1, 2]);
    expect(childrenOn(placements, '2026-09-01').map((p) => p.name)).toEqual(['Liam Johansson']);
    expect(childrenOn(placements, '2026-08-31')).toEqual([]);
  });

  it('keeps those already on a draft, each once', () => {
    const keep = [
      { id: 8, name: 'Maja Johansson' },
      { id: 1, name: 'Åsa Lindqvist' },
    ];
    expect(peopleOn(members, placements, '2026-10-31', keep).map((p) => p.id)).toEqual([1, 7, 8]);
  });
});

describe('a contact as read and changed', () => {
  it('says when, how long and who took part', () => {
    setLang('sv');
    expect(whenText(details)).toBe('14:30, 90 min');
    expect(whenText({ ...details, minutes: null })).toBe('14:30');
    expect(participantsText(details)).toBe('Åsa Lindqvist, Socialsekreterare');
    setLang('en');
    expect(participantsText(details)).toBe('Åsa Lindqvist, Social worker');
    setLang('sv');
  });

  it('gives back the form values of a draft, retired themes kept', () => {
    const [c] = contactsOf([entry(1), entry(2, details)]);
    expect(c.id).toBe(2);
    expect(inputOf(5, c)).toEqual({
      home_id: 5,
      child_id: 7,
      kind: 'hembesok',
      date: '2026-10-31',
      starts_at: '14:30',
      minutes: 90,
      participants: [
        { kind: 'person', person_id: 2 },
        { kind: 'role', role: 'socialsekreterare' },
      ],
      themes: ['skola', 'gammalt'],
      text: 'Anteckning 2',
    });
  });
});
