import { describe, expect, it } from 'vitest';
import { dueWithin, nextMonths, perMonth } from '../src/lib/retention';
import type { FileDue } from '../src/bindings/FileDue';

const file = (id: number, due_on: string): FileDue => ({
  rule: 'home_files',
  category: 'Familjehemmens akter',
  kind: 'home',
  id,
  label: `Hem ${id}`,
  anchor_on: '2024-01-01',
  due_on,
  rows: 3,
  documents: 0,
  holds: [],
  handover: null,
  needs_handover: false,
});

describe('retention chart', () => {
  it('counts twelve months from the as-of month, across the year end', () => {
    expect(nextMonths('2026-11-23')).toEqual([
      '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04',
      '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10',
    ]);
    const chart = perMonth('2026-11-23', [file(1, '2026-12-01'), file(2, '2026-12-31'), file(3, '2027-10-31'), file(4, '2027-11-01')]);
    expect(chart.find((c) => c.month === '2026-12')?.count).toBe(2);
    expect(chart.find((c) => c.month === '2027-10')?.count).toBe(1);
    expect(chart.reduce((n, c) => n + c.count, 0)).toBe(3);
  });

  it('lists what falls due within the dashboard window, its last day included', () => {
    const files = [file(1, '2026-12-23'), file(2, '2026-12-24')];
    expect(dueWithin('2026-11-23', files, 30).map((f) => f.id)).toEqual([1]);
  });
});
