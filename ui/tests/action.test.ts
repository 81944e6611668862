import { describe, expect, it } from 'vitest';
import { codeOnly, createAction, firstField, formSummary } from '../src/lib/action.svelte';
import { dictionary } from '../src/lib/i18n.svelte';

const sv = dictionary('sv');
const refused = {
  code: 'invalid_input',
  message: 'invalid input',
  fields: [
    { field: 'given_name', reason: 'required' },
    { field: 'email', reason: 'format' },
  ],
};
const forbidden = { code: 'not_permitted', message: 'not permitted', fields: [] };
const fail = (e: unknown) => () => Promise.reject(e);

describe('an action', () => {
  it('confirms only after the reload, and clears what the last run said', async () => {
    const seen: (string | null)[] = [];
    const act = createAction({ reload: async () => void seen.push(act.flash) });
    act.error = 'old';
    act.errors = { text: 'required' };
    expect(await act.run(() => Promise.resolve(1), 'Sparat.')).toBe(true);
    expect(seen).toEqual([null]);
    expect(act.flash).toBe('Sparat.');
    expect(act.error).toBeNull();
    expect(act.errors).toEqual({});
  });

  it('makes the confirmation from the result when asked, and may skip the reload', async () => {
    let reloads = 0;
    const act = createAction({ reload: async () => void reloads++ });
    await act.run(() => Promise.resolve('/tmp/a.pdf'), (path) => `PDF: ${path}`, { reload: false });
    expect(act.flash).toBe('PDF: /tmp/a.pdf');
    expect(reloads).toBe(0);
    await act.run(() => Promise.resolve());
    expect(act.flash).toBeNull();
    expect(reloads).toBe(1);
  });

  it('puts refused fields beside their fields and anything else on top; never reloads or rejects', async () => {
    let reloads = 0;
    const act = createAction({ reload: async () => void reloads++ });
    act.flash = 'Sparat.';
    expect(await act.run(fail(refused), 'Sparat.')).toBe(false);
    expect(act.errors).toEqual({ given_name: 'required', email: 'format' });
    expect(act.msg('given_name')).toBe(`${sv['field.given_name']} ${sv['reason.required']}`);
    expect(act.msg('city')).toBeNull();
    expect(act.error).toBeNull();
    expect(act.flash).toBeNull();

    expect(await act.run(fail(forbidden))).toBe(false);
    expect(act.errors).toEqual({});
    expect(act.error).toBe(sv['error.not_permitted']);

    expect(await act.run(fail(new Error('boom')))).toBe(false);
    expect(act.error).toBe(sv['error.internal']);
    expect(reloads).toBe(0);
  });

  it('says a failure on top as its action or run decides', async () => {
    const act = createAction({ general: formSummary });
    await act.run(fail(refused));
    expect(act.error).toBe(sv['person.errors_summary']);
    expect(act.errors).toEqual({ given_name: 'required', email: 'format' });
    await act.run(fail(forbidden));
    expect(act.error).toBe(sv['error.not_permitted']);

    await act.run(fail(refused), undefined, { general: firstField });
    expect(act.error).toBe(`${sv['field.given_name']} ${sv['reason.required']}`);
    await act.run(fail(refused), undefined, { general: codeOnly });
    expect(act.error).toBe(sv['error.invalid_input']);
  });
});
