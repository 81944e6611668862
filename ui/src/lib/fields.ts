// What a form checks itself before calling the core, where the core's words would be
// wrong for the user: a choice left empty ("Välj ett barn", not "Barnet finns inte"), a
// required date, a number out of range (the range is said). And the rule that a field's
// error goes as soon as the field is right, not at the next submit.
import type { Reason } from '../bindings/Reason';

/** Field errors by field name (the core's field names). */
export type FieldReasons = Record<string, Reason>;

/** One field's own check: why its value is wrong, or null when it is right. */
export type Check = (value: unknown) => Reason | null;

/** The values of a form's fields, by the core's field names. */
export type Values = Record<string, unknown>;

/** Checks whose field cannot be sent to the core while wrong (a date that is not a
 * date, an answer the command's type requires): the form stops before calling. */
const BLOCKING = new WeakSet<Check>();

/** `check`, marked as blocking: while it fails, the core is not asked at all. */
export function blocking(check: Check): Check {
  const c: Check = (v) => check(v);
  BLOCKING.add(c);
  return c;
}

/** Whether a failing `check` stops the form before the core is asked. */
export const isBlocking = (check: Check | undefined): boolean => !!check && BLOCKING.has(check);

const empty = (v: unknown) => v === 0 || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A choice that must be made: a select, person picker or radio group (0, '' or null
 * while nothing is chosen). Its message is `choose.<field>` ("Välj ett barn."). */
export const chosen: Check = (v) => (empty(v) ? 'required' : null);

/** A required text. */
export const filled: Check = (v) => (empty(v) ? 'required' : null);

/** A date typed in the DateInput `id`: its value stays '' while the text is not a
 * date, so the text is looked at too. Text that is not a date is wrong (`format`);
 * no text is wrong only when the date is `required`. Blocking: '' is not a date. */
export function dateIn(id: string, required: boolean): Check {
  return blocking((v) => {
    if (!empty(v)) return null;
    const input = typeof document === 'undefined' ? null : (document.getElementById(id) as HTMLInputElement | null);
    if ((input?.value.trim() ?? '') !== '') return 'format';
    return required ? 'required' : null;
  });
}

/** A whole number from `min` to `max`, typed as text. Its message is `range.<field>`. */
export function wholeIn(min: number, max: number): Check {
  return (v) => {
    const text = String(v ?? '').trim();
    const n = Number(text);
    return /^\d+$/.test(text) && n >= min && n <= max ? null : 'format';
  };
}

/** Checks only while `when()` holds (a reason needed only when closing, …). */
export function onlyIf(when: () => boolean, check: Check): Check {
  const c: Check = (v) => (when() ? check(v) : null);
  if (isBlocking(check)) BLOCKING.add(c);
  return c;
}

/** Whether any of the problems found stops the form before the core is asked. */
export function blocked(found: FieldReasons, checks: Record<string, Check>): boolean {
  return Object.keys(found).some((field) => isBlocking(checks[field]));
}

/** What is wrong with the values, field by field (empty when all are right). */
export function problems(values: Values, checks: Record<string, Check>): FieldReasons {
  const out: FieldReasons = {};
  for (const [field, check] of Object.entries(checks)) {
    const reason = check(values[field]);
    if (reason) out[field] = reason;
  }
  return out;
}

/** The errors once the values changed from `before` to `now`. A field with a check
 * keeps its error only while the check still fails; any other field loses its error
 * when its value changes (the core decides again at the next submit). The same object
 * comes back when nothing changes, so a caller can skip the update. */
export function settle(errors: FieldReasons, before: Values, now: Values, checks: Record<string, Check>): FieldReasons {
  let out: FieldReasons | null = null;
  for (const field of Object.keys(errors)) {
    if (!(field in now) || Object.is(before[field], now[field])) continue;
    const check = checks[field];
    const reason = check ? check(now[field]) : null;
    if (reason === errors[field]) continue;
    out ??= { ...errors };
    if (reason) out[field] = reason;
    else delete out[field];
  }
  return out ?? errors;
}
