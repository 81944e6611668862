import { describe, expect, it } from 'vitest';
import { urgency } from '../src/lib/requests';
import type { Request } from '../src/bindings/Request';

const base: Request = {
  id: 1,
  person_id: 1,
  person_name: 'Anna Lindqvist',
  kind: 'access',
  received_on: '2026-01-31',
  identity_method: 'BankID',
  identity_verified_on: '2026-01-31',
  extended_months: 0,
  extension_reason: null,
  extension_told_on: null,
  status: 'open',
  outcome: null,
  completed_on: null,
  created_at: '2026-01-31T10:00:00Z',
  first_due_on: '2026-02-28',
  due_on: '2026-02-28',
  days_left: 10,
};

describe('request urgency', () => {
  it('follows the days the core counted', () => {
    expect(urgency({ ...base, days_left: -1 })).toBe('overdue');
    expect(urgency({ ...base, days_left: 0 })).toBe('due_soon');
    expect(urgency({ ...base, days_left: 7 })).toBe('due_soon');
    expect(urgency({ ...base, days_left: 8 })).toBe('running');
    expect(urgency({ ...base, days_left: null, due_on: null })).toBe('waiting_identity');
    expect(urgency({ ...base, status: 'completed', days_left: null })).toBe('closed');
  });
});
