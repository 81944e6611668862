import { describe, expect, it } from 'vitest';
import { asUiError, errorKey, fieldErrors } from '../src/lib/errors';

describe('errors from commands', () => {
  it('keeps the core error shape', () => {
    const e = asUiError({
      code: 'invalid_input',
      message: 'invalid input: personal_number has a wrong check digit',
      fields: [
        { field: 'personal_number', reason: 'checksum' },
        { field: 'personal_number', reason: 'date' },
        { field: 'email', reason: 'format' },
      ],
    });
    expect(e.code).toBe('invalid_input');
    expect(fieldErrors(e)).toEqual({ personal_number: 'checksum', email: 'format' });
    expect(errorKey(e)).toBe('error.invalid_input');
  });

  it('turns anything else into an internal error without fields', () => {
    for (const thrown of ['boom', null, 42, { code: 'no_such_code' }, new Error('x')]) {
      const e = asUiError(thrown);
      expect(e.code).toBe('internal');
      expect(e.fields).toEqual([]);
    }
    expect(fieldErrors(null)).toEqual({});
  });
});
