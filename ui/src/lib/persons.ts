import { formatPersonalNumber } from './format';
import type { PersonSummary } from '../bindings/PersonSummary';

/** How a person is named in a picker: family name first, and the personal number when
 * there is one, so that two children with the same name cannot be confused. */
export function personLabel(p: PersonSummary): string {
  const name = `${p.family_name}, ${p.given_name}`;
  return p.personal_number ? `${name} · ${formatPersonalNumber(p.personal_number)}` : name;
}

/** The persons a picker offers: the matches of its search, less the excluded, with the
 * person already chosen kept first when a new search no longer finds them (so that
 * searching again never silently clears a choice). */
export function pickerChoices(matches: PersonSummary[], excluded: number[], chosen: PersonSummary | null): PersonSummary[] {
  const offered = matches.filter((p) => !excluded.includes(p.id));
  if (chosen && !offered.some((p) => p.id === chosen.id)) return [chosen, ...offered];
  return offered;
}
