// Ties a form's own checks (./fields.ts) to its action: they run before the core is
// asked, their words win for the fields they check, and while the form is shown each
// error clears as soon as its field is right. Call `formChecks` while a component
// initialises (it sets up an effect).
import { untrack } from 'svelte';
import type { Action } from './action.svelte';
import { blocked, problems, settle, type Check, type FieldReasons, type Values } from './fields';

export interface FormChecks {
  /** Runs `call` (which asks the core through the action, resolving to whether it
   * succeeded) unless a blocking check fails; the form's own problems are shown beside
   * their fields together with the core's refusals, so every wrong field is named at
   * once. Resolves to whether the call ran and succeeded. */
  submit(call: () => Promise<boolean>): Promise<boolean>;
  /** Every check must pass (before a confirm step): true when all do; otherwise their
   * errors are shown and nothing else happens. */
  ok(): boolean;
}

/** `values` reads the form's fields by the core's field names (so the core's own
 * refusals clear the same way); `checks` are the fields the form checks itself. `action`
 * is the form's action, or a getter for one a component received as a prop. */
export function formChecks(action: Action | (() => Action), values: () => Values, checks: Record<string, Check> = {}): FormChecks {
  const current = typeof action === 'function' ? action : () => action;
  let before: Values | null = null;
  $effect(() => {
    const now = { ...values() };
    untrack(() => {
      const act = current();
      if (before) {
        const next = settle(act.errors, before, now, checks);
        if (next !== act.errors) act.errors = next;
      }
      before = now;
    });
  });
  const show = (found: FieldReasons) => {
    const act = current();
    act.errors = found;
    act.error = null;
    act.flash = null;
  };
  return {
    async submit(call) {
      const found = problems(values(), checks);
      if (blocked(found, checks)) {
        show(found);
        return false;
      }
      const ok = await call();
      const act = current();
      if (!ok && Object.keys(found).length > 0) act.errors = { ...act.errors, ...found };
      return ok;
    },
    ok() {
      const found = problems(values(), checks);
      if (Object.keys(found).length === 0) return true;
      show(found);
      return false;
    },
  };
}
