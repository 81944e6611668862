// Where the user is in the app, and the one way to go somewhere else. Any component
// can open a person's or a home's file (or a request, a concern report) with `go`,
// so every name on every screen can be a link without threading callbacks through.

/** The parts of a person's file (personakt). */
export type PersonTab = 'overview' | 'journal' | 'documents' | 'placements' | 'history' | 'rights';
/** The parts of a home's file. */
export type HomeTab = 'overview' | 'journal' | 'contacts' | 'documents' | 'investigation' | 'placements' | 'support' | 'history';

export type View =
  | { name: 'inbox' }
  | { name: 'persons' }
  | { name: 'new-person' }
  | { name: 'person'; id: number; tab?: PersonTab; rectifyFor?: number; entry?: number }
  | { name: 'homes' }
  | { name: 'new-home' }
  | { name: 'home'; id: number; tab?: HomeTab; entry?: number }
  | { name: 'requests'; create?: boolean }
  | { name: 'request'; id: number }
  | { name: 'retention' }
  | { name: 'surveys' }
  | { name: 'monthly-reports'; month?: string; placement?: number; id?: number }
  | { name: 'settings' }
  | { name: 'search'; query?: string }
  | { name: 'notices' }
  | { name: 'concerns'; id?: number };

/** The top-level places of the menu; each view belongs to one. */
export type Place = 'inbox' | 'persons' | 'homes' | 'concerns' | 'notices' | 'search' | 'requests' | 'retention' | 'surveys' | 'monthly-reports' | 'settings';

export function placeOf(v: View): Place {
  switch (v.name) {
    case 'new-person':
    case 'person':
      return 'persons';
    case 'new-home':
    case 'home':
      return 'homes';
    case 'request':
      return 'requests';
    default:
      return v.name;
  }
}

export const nav = $state<{ view: View; flash: string | null; history: View[] }>({
  view: { name: 'inbox' },
  flash: null,
  history: [],
});

/** Opens `view`; `flash` is a confirmation to show there (e.g. "Personen är sparad"). */
export function go(view: View, flash: string | null = null): void {
  nav.history = [...nav.history.slice(-49), nav.view];
  nav.view = view;
  nav.flash = flash;
}

/** Changes the current view in place (a tab, a filter) without a new history step. */
export function replace(view: View): void {
  nav.view = view;
}

/** Back to where the user came from (or to the list the view belongs to). */
export function back(): void {
  const prev = nav.history.at(-1);
  nav.flash = null;
  if (prev) {
    nav.history = nav.history.slice(0, -1);
    nav.view = prev;
  } else {
    nav.view = { name: placeOf(nav.view) } as View;
  }
}

/** Forgets everything (on lock, on a new profile). */
export function resetNav(): void {
  nav.view = { name: 'inbox' };
  nav.flash = null;
  nav.history = [];
}

export const open = {
  person: (id: number, tab: PersonTab = 'overview', entry?: number) => go({ name: 'person', id, tab, entry }),
  home: (id: number, tab: HomeTab = 'overview', entry?: number) => go({ name: 'home', id, tab, entry }),
  request: (id: number) => go({ name: 'request', id }),
  concern: (id: number) => go({ name: 'concerns', id }),
  /** The monthly reports (of a month, or all of one placement's). */
  reports: (placement?: number) => go({ name: 'monthly-reports', placement }),
  /** A journal file (a home or a child), optionally at one entry. */
  file: (f: { kind: 'home' | 'child'; id: number }, entry?: number) =>
    f.kind === 'home' ? open.home(f.id, 'journal', entry) : open.person(f.id, 'journal', entry),
  /** A placement, in its home's file. */
  placement: (homeId: number) => open.home(homeId, 'placements'),
  /** An investigation, in its home's file. */
  investigation: (homeId: number) => open.home(homeId, 'investigation'),
  /** One placement's monthly report of `month` (`YYYY-MM`), the report itself if written. */
  monthlyReport: (placement: number, month: string, id?: number) => go({ name: 'monthly-reports', placement, month, id }),
  /** The retention page (files to be purged). */
  retention: () => go({ name: 'retention' }),
};
