// What every form and button of the screens does with a command (not a Svelte `use:`
// action): clear the old messages, run the command, then either reload what it changed
// and confirm, or say what went wrong — beside the fields the core names, or on top.
// The confirmation comes only after the reload, so whoever sees it (a test, a screen
// reader user) sees the change too (docs/TESTING.md).
import { asUiError, errorText, fieldErrors, fieldText } from './errors';
import { t } from './i18n.svelte';
import type { Reason } from '../bindings/Reason';
import type { UiError } from '../bindings/UiError';

/** Field errors by field name (the first reason per field). */
export type FieldReasons = Record<string, Reason>;

/** The message on top for a failure, given its field errors; null for none. */
export type General = (e: UiError, fields: FieldReasons) => string | null;

/** The code's text only when no field is named (named fields show beside their fields). */
export const unlessFields: General = (e, fields) => (Object.keys(fields).length === 0 ? errorText(e) : null);

/** The first named field's message, else the code's text: where no field shows it. */
export const firstField: General = (e) => {
  const f = e.fields[0];
  return f ? fieldText(f.field, f.reason) : errorText(e);
};

/** The code's text, whatever fields are named. */
export const codeOnly: General = (e) => errorText(e);

/** For a form whose every field can be refused: a summary on top when fields are. */
export const formSummary: General = (e) => (e.code === 'invalid_input' ? t('person.errors_summary') : errorText(e));

/** How one run differs from its action's defaults. */
export interface RunOptions {
  /** The message on top for a failure (default: the action's). */
  general?: General;
  /** false: the command changes nothing shown, so nothing is reloaded. */
  reload?: boolean;
}

export interface Action {
  /** Field errors of the last failure, shown beside their fields. */
  errors: FieldReasons;
  /** The message on top of the last failure. */
  error: string | null;
  /** The confirmation of the last success. */
  flash: string | null;
  /** The message for a field of the last failure ("<field> <reason>"), or null. */
  msg(field: string): string | null;
  /** Runs `f`: clears the messages; on success reloads, then sets `done` (or what `done`
   * makes of f's result) as the confirmation; on failure sets `errors` and `error` (as
   * `general` decides). Resolves to whether `f` succeeded; never rejects. */
  run<T>(f: () => Promise<T>, done?: string | ((result: T) => string), options?: RunOptions): Promise<boolean>;
}

export function createAction(options: { reload?: () => Promise<unknown>; general?: General } = {}): Action {
  let errors = $state<FieldReasons>({});
  let error = $state<string | null>(null);
  let flash = $state<string | null>(null);
  return {
    get errors() {
      return errors;
    },
    set errors(v) {
      errors = v;
    },
    get error() {
      return error;
    },
    set error(v) {
      error = v;
    },
    get flash() {
      return flash;
    },
    set flash(v) {
      flash = v;
    },
    msg: (field) => (errors[field] ? fieldText(field, errors[field]) : null),
    async run(f, done, { general = options.general ?? unlessFields, reload = true } = {}) {
      errors = {};
      error = null;
      flash = null;
      try {
        const result = await f();
        if (reload) await options.reload?.();
        if (done !== undefined) flash = typeof done === 'function' ? done(result) : done;
        return true;
      } catch (err) {
        const u = asUiError(err);
        errors = fieldErrors(u);
        error = general(u, errors);
        return false;
      }
    },
  };
}
