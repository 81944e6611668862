// How a contact with a home is written and read: the kinds and roles a form offers, the
// time and length as typed, who may be named as taking part on a day, and a contact's
// structure as one line. Pure functions, so they can be tested without a window.
import { tDynamic, tn } from './i18n.svelte';
import type { ContactDetails } from '../bindings/ContactDetails';
import type { ContactKind } from '../bindings/ContactKind';
import type { HomeContactInput } from '../bindings/HomeContactInput';
import type { JournalEntry } from '../bindings/JournalEntry';
import type { Member } from '../bindings/Member';
import type { ParticipantRole } from '../bindings/ParticipantRole';
import type { Placement } from '../bindings/Placement';

/** Every contact kind, in the order a form offers them (checked against Rust's enum). */
const KINDS: Record<ContactKind, number> = {
  hembesok: 1,
  oanmalt_hembesok: 2,
  telefon: 3,
  video: 4,
  handledning_enskild: 5,
  handledning_grupp: 6,
  mote_socialtjansten: 7,
  ovrigt: 8,
};
export const CONTACT_KINDS = (Object.keys(KINDS) as ContactKind[]).sort((a, b) => KINDS[a] - KINDS[b]);

/** Every role someone outside the registry takes part as. */
const ROLES: Record<ParticipantRole, number> = {
  socialsekreterare: 1,
  ursprungsfamilj: 2,
  skola: 3,
  halso_och_sjukvard: 4,
  tolk: 5,
  kollega: 6,
  annan: 7,
};
export const PARTICIPANT_ROLES = (Object.keys(ROLES) as ParticipantRole[]).sort((a, b) => ROLES[a] - ROLES[b]);

/** A time of day as typed ("9:30", "09.30", "0930", "14:05") as `HH:MM`, or null when
 * it is not a time within the day. */
export function wallClock(text: string): string | null {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** A length in whole minutes from 1 to 1440 typed as text; '' is no length (null);
 * anything else is undefined (wrong). */
export function minutesValue(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 1440 ? n : undefined;
}

/** Whether a placement's period covers `day` (an ISO date). */
export function placedOn(p: Placement, day: string): boolean {
  return p.start_date <= day && (p.end_date === null || p.end_date >= day);
}

export interface Person {
  id: number;
  name: string;
}

const nameOf = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

/** Who can be named as taking part on `day`: the home's members (adults and its own
 * children) and the children placed there that day, each once; then anyone already on
 * the contact (`keep`), so that changing a draft never drops them silently. */
export function peopleOn(members: Member[], placements: Placement[], day: string, keep: Person[] = []): Person[] {
  const out: Person[] = [];
  const seen = new Set<number>();
  const add = (p: Person) => {
    if (!seen.has(p.id)) {
      seen.add(p.id);
      out.push(p);
    }
  };
  for (const m of members) if (m.left_on === null || m.left_on >= day) add({ id: m.person.id, name: nameOf(m.person) });
  for (const p of placements) if (placedOn(p, day)) add({ id: p.child.id, name: nameOf(p.child) });
  for (const p of keep) add(p);
  return out;
}

/** The children placed in the home on `day`, for "which child it concerns". */
export function childrenOn(placements: Placement[], day: string): Person[] {
  return peopleOn([], placements, day);
}

/** "14:30, 90 min" (the length only when known). */
export function whenText(c: ContactDetails): string {
  return c.minutes === null ? c.starts_at : `${c.starts_at}, ${tn('contacts.minutes_short', c.minutes)}`;
}

/** Who took part, in one line: persons by name, others by role. */
export function participantsText(c: ContactDetails): string {
  return c.participants.map((p) => (p.kind === 'person' ? p.name : tDynamic(`contacts.role.${p.role}`))).join(', ');
}

/** The themes, in one line. */
export function themesText(c: ContactDetails): string {
  return c.themes.map((t) => t.label).join(', ');
}

/** The form's values of a contact's draft, for changing it. */
export function inputOf(homeId: number, e: JournalEntry & { contact: ContactDetails }): HomeContactInput {
  const c = e.contact;
  return {
    home_id: homeId,
    child_id: c.child_id,
    kind: c.kind,
    date: e.event_date,
    starts_at: c.starts_at,
    minutes: c.minutes,
    participants: c.participants.map((p) =>
      p.kind === 'person' ? { kind: 'person', person_id: p.person_id } : { kind: 'role', role: p.role },
    ),
    themes: c.themes.map((t) => t.code),
    text: e.text,
  };
}

/** A home's contacts, each with its structure (the core lists only contacts). */
export function contactsOf(entries: JournalEntry[]): (JournalEntry & { contact: ContactDetails })[] {
  return entries.filter((e): e is JournalEntry & { contact: ContactDetails } => e.contact !== undefined);
}
