import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ notify: [] as string[] }));
vi.mock('../src/lib/api', () => ({
  api: {
    dueNotify: (lang: string) => {
      calls.notify.push(lang);
      return Promise.resolve();
    },
    dueInbox: () => Promise.resolve({ as_of: '2026-11-05', items: [], counts: { overdue: 2, today: 1, this_week: 0, later: 0 } }),
  },
}));

import { setLang } from '../src/lib/i18n.svelte';
import { DUE_KINDS, filtered, grouped, urgent, whyText } from '../src/features/inbox/inbox';
import { DATE_CHECK_MS, badge, refreshBadge, startDailyNotice } from '../src/features/inbox/badge.svelte';
import { dictionary } from '../src/lib/i18n.svelte';
import type { DueItem } from '../src/bindings/DueItem';

function item(over: Partial<DueItem> & { key: string }): DueItem {
  return {
    kind: 'monthly_report',
    due_on: '2026-11-05',
    bucket: 'today',
    group: { kind: 'home', home_id: 1, name: 'Familjen Lindqvist' },
    place: { kind: 'retention' },
    why: { person: null, month: null, done: null, expected: null, since: null, detail: null, flagged: false, period: null, owed: null, text: null },
    profile_id: null,
    follow_up_id: null,
    ...over,
  };
}

describe('inbox lines', () => {
  it('every kind has a name in both languages', () => {
    for (const k of DUE_KINDS) {
      expect(dictionary('sv')[`due.kind.${k}`], k).toBeTruthy();
      expect(dictionary('en')[`due.kind.${k}`], k).toBeTruthy();
    }
  });

  it('says why from the kind and the facts', () => {
    setLang('sv');
    const why = { ...item({ key: 'a' }).why, person: 'Elsa Berg', month: '2026-10' };
    expect(whyText(item({ key: 'a', why }))).toBe('Månadsrapport · Elsa Berg · oktober 2026');
    const plan = item({ key: 'b', kind: 'plan_contact', why: { ...why, person: null, month: null, detail: 'hembesok', done: 1, expected: 2, flagged: true } });
    expect(whyText(plan)).toBe('Kontakt enligt plan · Hembesök · 1 av 2 · förra månaden nåddes inte planen');
    setLang('en');
    expect(whyText(plan)).toBe('Contact by plan · Home visit · 1 of 2 · last month fell short of the plan');
    setLang('sv');
  });

  it('words a plan line by its period and never says more of than asked', () => {
    setLang('sv');
    const base = item({ key: 'a' }).why;
    const weekly = item({ key: 'a', kind: 'plan_contact', why: { ...base, detail: 'week', done: 0, expected: 1, flagged: true } });
    expect(whyText(weekly)).toBe('Kontakt enligt plan · 0 av 1 den här veckan · förra månaden nåddes inte planen');
    const monthly = item({ key: 'b', kind: 'plan_contact', why: { ...base, detail: 'hembesok', month: '2026-11', done: 1, expected: 1 } });
    expect(whyText(monthly)).toBe('Kontakt enligt plan · Hembesök · 1 av 1 i november 2026');
    const more = item({ key: 'c', kind: 'plan_contact', why: { ...base, detail: 'telefon', done: 2, expected: 1 } });
    expect(whyText(more)).toBe('Kontakt enligt plan · Telefonsamtal · 2 gjorda (planen: 1)');
    expect(whyText(more)).not.toContain('2 av 1');
    const one = item({ key: 'd', kind: 'plan_contact', why: { ...base, detail: 'quarter', done: 1, expected: 0 } });
    expect(whyText(one)).toBe('Kontakt enligt plan · 1 gjord det här kvartalet (planen: 0)');
    setLang('en');
    expect(whyText(more)).toBe('Contact by plan · Telephone call · 2 done (plan: 1)');
    setLang('sv');
  });

  it('says by when a request is answered and an extension told, and what keeps a file from purging', () => {
    setLang('sv');
    const base = item({ key: 'a' }).why;
    const request = item({ key: 'r', kind: 'request', due_on: '2026-12-12', why: { ...base, detail: 'access', since: '2026-11-12', flagged: true } });
    expect(whyText(request)).toBe(
      'Begäran från registrerad · Registerutdrag (art. 15) · inkommen 2026-11-12 · svar senast 2026-12-12 (förlängning måste meddelas senast dess)',
    );
    expect(whyText({ ...request, why: { ...request.why, flagged: false } })).toBe('Begäran från registrerad · Registerutdrag (art. 15) · inkommen 2026-11-12 · svar senast 2026-12-12');
    expect(whyText({ ...request, due_on: '2026-11-12' })).toBe('Begäran från registrerad · Registerutdrag (art. 15) · inkommen 2026-11-12 · identiteten är inte kontrollerad');
    const purge = (detail: string) => whyText(item({ key: 'p', kind: 'purge', why: { ...base, detail } }));
    expect(purge('needs_handover')).toBe('Gallras · erbjuds kommunen först');
    expect(purge('held')).toBe('Gallras · spärrad mot gallring');
    setLang('en');
    expect(purge('held')).toBe('To be purged · held from purging');
    setLang('sv');
    const inv = item({ key: 'i', kind: 'investigation_open', why: { ...base, since: '2026-09-20', done: 3 } });
    expect(whyText(inv)).toBe('Utredning som dragit ut · 3 delar saknas · påbörjad 2026-09-20');
  });

  it('gives every sub-kind and per-kind date a text in both languages', () => {
    for (const key of Object.keys(dictionary('sv')).filter((k) => k.startsWith('due.'))) {
      expect(dictionary('en')[key], key).toBeTruthy();
    }
    for (const d of ['needs_handover', 'held']) expect(dictionary('en')[`due.detail.${d}`], d).toBeTruthy();
  });

  it('groups by home or child within a section and filters by kind and profile', () => {
    const a = item({ key: 'a' });
    const b = item({ key: 'b', kind: 'manual', profile_id: 7, group: { kind: 'person', person_id: 3, name: 'Elsa Berg' } });
    const c = item({ key: 'c', kind: 'concern', profile_id: 8, bucket: 'later' });
    const groups = grouped([a, b, c]);
    expect(groups.map((g) => g.key)).toEqual(['home-1', 'person-3']);
    expect(groups[0].items.map((i) => i.key)).toEqual(['a', 'c']);
    expect(filtered([a, b, c], 'manual', 'all').map((i) => i.key)).toEqual(['b']);
    // A line for no particular profile is everyone's.
    expect(filtered([a, b, c], 'all', 7).map((i) => i.key)).toEqual(['a', 'b']);
    expect(urgent([a, b, c])).toBe(2);
  });
});

describe('the badge and the daily notification', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts overdue and today', async () => {
    await refreshBadge();
    expect(badge.n).toBe(3);
  });

  it('asks at start and again only when the date has changed', () => {
    calls.notify.length = 0;
    let now = new Date(2026, 10, 5, 23, 50);
    const stop = startDailyNotice(() => 'en', () => now);
    expect(calls.notify).toEqual(['en']);
    vi.advanceTimersByTime(DATE_CHECK_MS);
    expect(calls.notify).toHaveLength(1);
    now = new Date(2026, 10, 6, 0, 1);
    vi.advanceTimersByTime(DATE_CHECK_MS);
    expect(calls.notify).toEqual(['en', 'en']);
    vi.advanceTimersByTime(DATE_CHECK_MS * 10);
    expect(calls.notify).toHaveLength(2);
    stop();
    now = new Date(2026, 10, 7, 9, 0);
    vi.advanceTimersByTime(DATE_CHECK_MS);
    expect(calls.notify).toHaveLength(2);
  });
});
