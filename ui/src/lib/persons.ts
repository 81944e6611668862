import { api } from './api';
import { errorText } from './errors';
import { formatPersonalNumber } from './format';
import type { PersonPage } from '../bindings/PersonPage';
import type { PersonSort } from '../bindings/PersonSort';
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

/** A loader of pages of the persons register for a search box: each call asks for the
 * first `limit` matches of `query` (in the order `sort`, by name when null); a result that a later call has overtaken (the
 * caseworker typed on) is dropped, so the screen never shows an older search's page. */
export function personPages(onPage: (page: PersonPage) => void, onError: (message: string) => void) {
  let seq = 0;
  return async (query: string, limit: number, sort: PersonSort | null = null) => {
    const mine = ++seq;
    try {
      const page = await api.listPersons(query.trim() === '' ? null : query, limit, sort);
      if (mine === seq) onPage(page);
    } catch (e) {
      if (mine === seq) onError(errorText(e));
    }
  };
}
