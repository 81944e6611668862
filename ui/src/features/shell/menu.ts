// The menu: a few groups on the top row, each a place or a small set of places shown
// as tabs under it (so the row fits at 1100 px for every role).
import type { MessageKey } from '../../lib/i18n.svelte';
import type { Place } from '../../lib/nav.svelte';
import type { Permission } from '../../bindings/Permission';

export type Group = 'inbox' | 'persons' | 'homes' | 'reports' | 'privacy' | 'search' | 'settings';

export interface MenuGroup {
  group: Group;
  label: MessageKey;
  places: { place: Place; label: MessageKey; testid: string }[];
}

const ALL: (MenuGroup & { needs?: Permission })[] = [
  { group: 'inbox', label: 'nav.inbox', places: [{ place: 'inbox', label: 'nav.inbox', testid: 'nav-inbox' }] },
  { group: 'persons', label: 'nav.persons', places: [{ place: 'persons', label: 'nav.persons', testid: 'nav-persons' }] },
  {
    group: 'homes',
    label: 'nav.homes',
    places: [
      { place: 'homes', label: 'nav.homes', testid: 'nav-homes' },
      { place: 'monthly-reports', label: 'nav.monthly_reports', testid: 'nav-monthly-reports' },
    ],
  },
  {
    group: 'reports',
    label: 'nav.reports',
    places: [
      { place: 'concerns', label: 'nav.concerns', testid: 'nav-concerns' },
      { place: 'notices', label: 'nav.notices', testid: 'nav-notices' },
    ],
  },
  {
    group: 'privacy',
    label: 'nav.privacy',
    needs: 'manage_requests',
    places: [
      { place: 'requests', label: 'nav.requests', testid: 'nav-requests' },
      { place: 'retention', label: 'nav.retention', testid: 'nav-retention' },
      { place: 'surveys', label: 'nav.surveys', testid: 'nav-surveys' },
    ],
  },
];

/** The groups a profile with `permissions` sees, in menu order. */
export function menuFor(permissions: Permission[]): MenuGroup[] {
  return ALL.filter((g) => !g.needs || permissions.includes(g.needs)).map((g) => ({
    group: g.group,
    label: g.label,
    places: g.places.filter(
      (p) =>
        (p.place !== 'retention' || permissions.includes('manage_retention')) &&
        (p.place !== 'surveys' || permissions.includes('agency_summaries')),
    ),
  }));
}

/** The group a place belongs to. */
export function groupOf(place: Place): Group {
  switch (place) {
    case 'concerns':
    case 'notices':
      return 'reports';
    case 'requests':
    case 'retention':
    case 'surveys':
      return 'privacy';
    case 'monthly-reports':
      return 'homes';
    default:
      return place;
  }
}
