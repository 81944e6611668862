// Turns the core's error shape (generated from Rust) into text for the user.
import type { ErrorCode } from '../bindings/ErrorCode';
import type { FieldError } from '../bindings/FieldError';
import type { Reason } from '../bindings/Reason';
import type { UiError } from '../bindings/UiError';
import { dictionary, tDynamic } from './i18n.svelte';

/** Every error code, checked against the Rust enum by the type system. */
export const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  not_found: true,
  wrong_key: true,
  keychain_unavailable: true,
  store_not_found: true,
  store_exists: true,
  store_locked: true,
  profile_required: true,
  not_permitted: true,
  person_restricted: true,
  store_busy: true,
  store_read_only: true,
  disk_full: true,
  schema_too_new: true,
  store_damaged: true,
  audit_broken: true,
  file_exists: true,
  folder_unavailable: true,
  internal: true,
};

/** Every reason a value can be refused for. */
export const REASONS: Record<Reason, true> = {
  required: true,
  too_long: true,
  too_short: true,
  format: true,
  checksum: true,
  date: true,
  future: true,
  duplicate: true,
  characters: true,
  not_allowed: true,
  unknown: true,
  executable: true,
  file_type: true,
};

/** Anything thrown by a command, as the core's error shape. */
export function asUiError(e: unknown): UiError {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as UiError).code === 'string') {
    const u = e as UiError;
    if (u.code in ERROR_CODES) return { code: u.code, message: u.message ?? '', fields: u.fields ?? [] };
  }
  return { code: 'internal', message: String(e), fields: [] };
}

/** The translation key of an error's general message. */
export function errorKey(e: UiError): string {
  return `error.${e.code}`;
}

/** Field errors by field name (the first reason per field). */
export function fieldErrors(e: UiError | null): Record<string, Reason> {
  const out: Record<string, Reason> = {};
  for (const f of (e?.fields ?? []) as FieldError[]) {
    if (!(f.field in out)) out[f.field] = f.reason;
  }
  return out;
}

/** The general message for anything a command threw, in the current language. */
export function errorText(e: unknown): string {
  return tDynamic(errorKey(asUiError(e)));
}

/** The message for one refused field: "<field> <reason>", e.g. "Förnamn måste fyllas i.".
 * Two kinds of field say more: a choice left empty asks for the choice (`choose.<field>`:
 * "Välj ett barn.", not "Barnet måste fyllas i."), and a number says its range
 * (`range.<field>`: "Ange ett heltal från 1 till 240.") whatever was wrong with it.
 * And a field and reason may have a sentence of their own (`refused.<field>.<reason>`:
 * an empty document is "Filen är tom.", not "Akten måste fyllas i."). */
export function fieldText(field: string, reason: Reason): string {
  const own =
    ownText(`refused.${field}.${reason}`) ??
    ownText(`range.${field}`) ??
    (reason === 'required' ? ownText(`choose.${field}`) : null);
  return own ?? `${tDynamic(`field.${field}`)} ${tDynamic(`reason.${reason}`)}`;
}

/** The text of `key` when there is one (in Swedish, the language every key has). */
function ownText(key: string): string | null {
  return key in dictionary('sv') ? tDynamic(key) : null;
}
