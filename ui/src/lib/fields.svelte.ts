// Ties a form's own checks (./fields.ts) to its action: `ok()` before calling the core,
// and, while the form is shown, each error cleared as soon as its field is right.
// Call `formChecks` while a component initialises (it sets up an effect).
import { untrack } from 'svelte';
import type { Action } from './action.svelte';
import { problems, settle, type Check, type Values } from './fields';

export interface FormChecks {
  /** Checks every field: true when all are right; otherwise their errors are shown
   * beside the fields (nothing on top) and the core is not called. */
  ok(): boolean;
}

/** `values` reads the form's fields by the core's field names (so the core's own
 * refusals clear the same way); `checks` are the fields the form checks itself. */
export function formChecks(act: Action, values: () => Values, checks: Record<string, Check> = {}): FormChecks {
  let before: Values | null = null;
  $effect(() => {
    const now = { ...values() };
    untrack(() => {
      if (before) {
        const next = settle(act.errors, before, now, checks);
        if (next !== act.errors) act.errors = next;
      }
      before = now;
    });
  });
  return {
    ok() {
      const found = problems(values(), checks);
      if (Object.keys(found).length === 0) return true;
      act.errors = found;
      act.error = null;
      act.flash = null;
      return false;
    },
  };
}
