import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionary, i18n, setLang, t, tDynamic } from '../src/lib/i18n.svelte';
import { ERROR_CODES, REASONS } from '../src/lib/errors';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../src/lib/requests';
import { CANDIDATE_KINDS } from '../src/lib/review';

const sv = dictionary('sv');
const en = dictionary('en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'bindings' ? [] : sources(p);
    return /\.(svelte|ts)$/.test(name) ? [p] : [];
  });
}

describe('translations', () => {
  it('Swedish and English have exactly the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const [k, v] of [...Object.entries(sv), ...Object.entries(en)]) {
      expect(v.trim(), k).not.toBe('');
    }
  });

  it('every error code and refusal reason has a text in both languages', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(sv[`error.${code}`], code).toBeTruthy();
      expect(en[`error.${code}`], code).toBeTruthy();
    }
    for (const reason of Object.keys(REASONS)) {
      expect(sv[`reason.${reason}`], reason).toBeTruthy();
      expect(en[`reason.${reason}`], reason).toBeTruthy();
    }
  });

  it('every request kind, status and urgency has a text in both languages', () => {
    const keys = [
      ...Object.keys(REQUEST_KINDS).map((k) => `request_kind.${k}`),
      ...Object.keys(REQUEST_STATUSES).map((s) => `request_status.${s}`),
      ...['waiting_identity', 'overdue', 'due_soon', 'running', 'closed'].map((u) => `urgency.${u}`),
      ...['complaint', 'ivo', 'manual'].map((k) => `hold_kind.${k}`),
      ...Object.keys(CANDIDATE_KINDS).flatMap((k) => [`candidate_kind.${k}`, `candidate_reason.${k}`]),
    ];
    for (const k of keys) {
      expect(sv[k], k).toBeTruthy();
      expect(en[k], k).toBeTruthy();
    }
  });

  it('every key used in the UI sources exists', () => {
    const used = new Set<string>();
    for (const file of sources(fileURLToPath(new URL('../src', import.meta.url)))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) expect(sv[key], key).toBeTruthy();
  });

  it('Swedish is the default and placeholders are filled', () => {
    expect(i18n.lang).toBe('sv');
    expect(t('persons.count', { count: 3 })).toBe('3 personer');
    setLang('en');
    expect(t('persons.count', { count: 3 })).toBe('3 persons');
    expect(tDynamic('error.wrong_key')).toBe('Wrong passphrase. Try again.');
    setLang('sv');
    expect(tDynamic('error.wrong_key')).toBe('Fel lösenfras. Försök igen.');
  });
});
