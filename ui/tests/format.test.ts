import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPersonalNumber } from '../src/lib/format';

describe('display formats', () => {
  it('shows a stored personnummer with its separator', () => {
    expect(formatPersonalNumber('198112189876')).toBe('19811218-9876');
    expect(formatPersonalNumber('12345')).toBe('12345');
  });
  it('shows times as local date and minute', () => {
    expect(formatDateTime('2026-11-23T09:05:00Z')).toMatch(/^2026-11-23 \d\d:05$/);
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
