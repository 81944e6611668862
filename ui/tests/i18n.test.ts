import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionary, i18n, setLang, t, tDynamic, tn } from '../src/lib/i18n.svelte';
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
    expect(t('persons.open', { name: 'Anna' })).toBe('Visa Anna');
    setLang('en');
    expect(t('persons.open', { name: 'Anna' })).toBe('Show Anna');
    expect(tDynamic('error.wrong_key')).toBe('Wrong passphrase. Try again.');
    setLang('sv');
    expect(tDynamic('error.wrong_key')).toBe('Fel lösenfras. Försök igen.');
  });
});

// Counted phrases: `<base>.one` / `<base>.other`, chosen by `tn(base, n)`.
const PLURAL = /\.(one|other)$/;

// Placeholders that hold text (a name, a date, a label), not a count. A placeholder not
// listed here is taken for a number; followed by a word it must be a plural pair.
const TEXT_PLACEHOLDERS = new Set([
  'name', 'date', 'when', 'from', 'to', 'register', 'decision', 'label', 'reason', 'value',
  'path', 'id', 'first', 'query', 'kind', 'field', 'title', 'home', 'child', 'status', 'role',
]);
// Words a number may stand before in every form: "3 av 7", "Visa 20 till", "2 mån.".
const INVARIANT_AFTER = new Set(['av', 'of', 'till', 'more', 'mån.', 'mo.', '–', 'år', 'tidigare', 'earlier']);

// Older single-form keys still read by screens that have not switched to `tn` yet, with
// the plural base(s) that replace them. Delete an entry (and its key in both languages)
// once no source uses the key any more; the last test here says when.
const AWAITING_TN: Record<string, string[]> = {};

/** The counts in `text` put before a word as if the word's form did not depend on them. */
export function bareCounts(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\{(\w+)\}\s+([^\s{}]+)/g)) {
    if (TEXT_PLACEHOLDERS.has(m[1]) || INVARIANT_AFTER.has(m[2].replace(/[,;:]$/, ''))) continue;
    found.push(m[0]);
  }
  return found;
}

// Every UI source file, without its `//` line comments (which may name what they avoid).
const allSources = () =>
  sources(fileURLToPath(new URL('../src', import.meta.url))).map((file) => ({
    file,
    text: readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''),
  }));

describe('plurals', () => {
  it('every counted phrase has both forms in both languages, each with {n}', () => {
    for (const [lang, dict] of [['sv', sv], ['en', en]] as const) {
      const keys = Object.keys(dict).filter((k) => PLURAL.test(k));
      expect(keys.length, lang).toBeGreaterThan(10);
      for (const k of keys) {
        const base = k.replace(PLURAL, '');
        expect(dict[`${base}.one`], `${lang} ${base}.one`).toBeTruthy();
        expect(dict[`${base}.other`], `${lang} ${base}.other`).toBeTruthy();
        expect(dict[k], `${lang} ${k}`).toContain('{n}');
      }
    }
  });

  it('no text puts a count before a word outside a plural pair', () => {
    expect(bareCounts('{count} träffar')).toEqual(['{count} träffar']);
    expect(bareCounts('{name}, omgång {round}: {missing} delar saknas')).toEqual(['{missing} delar']);
    expect(bareCounts('Visar {shown} av {count}. Sök för att hitta fler.')).toEqual([]);
    expect(bareCounts('Signerad av {name} {when}')).toEqual([]);
    for (const [lang, dict] of [['sv', sv], ['en', en]] as const) {
      const bad = Object.entries(dict)
        .filter(([k, v]) => !PLURAL.test(k) && !(k in AWAITING_TN) && bareCounts(v).length > 0)
        .map(([k, v]) => `${lang} ${k}: ${v}`);
      expect(bad, 'use <key>.one/<key>.other and tn(key, n), or list a text placeholder in TEXT_PLACEHOLDERS').toEqual([]);
    }
  });

  it('chooses the form by the number, in both languages', () => {
    setLang('sv');
    expect(tn('persons.count', 1)).toBe('1 person');
    expect(tn('persons.count', 0)).toBe('0 personer');
    expect(tn('persons.count', 3)).toBe('3 personer');
    expect(tn('search.hits', 1)).toBe('1 träff');
    expect(tn('inbox.count', 1)).toBe('1 bevakning är försenad eller ska göras i dag');
    expect(tn('inbox.count', 2)).toBe('2 bevakningar är försenade eller ska göras i dag');
    expect(tn('rights.saved_as', 1, { id: 'RU-7' })).toBe('RU-7, 1 sida, sparat:');
    setLang('en');
    expect(tn('persons.count', 1)).toBe('1 person');
    expect(tn('persons.count', 2)).toBe('2 people');
    expect(tn('inbox.count', 1)).toBe('1 follow-up is overdue or due today');
    expect(tn('retention.days', 1)).toBe('1 day');
    expect(tn('inv.missing_count', 4)).toBe('4 steps missing');
    setLang('sv');
  });

  it('every tn() in the UI sources names a pair that exists', () => {
    const used = new Set<string>();
    for (const { text } of allSources()) {
      for (const m of text.matchAll(/\btn\(\s*'([a-z_.]+)'/g)) used.add(m[1]);
    }
    for (const base of used) {
      expect(sv[`${base}.one`] && sv[`${base}.other`], base).toBeTruthy();
    }
  });

  it('older single-form keys wait only while a screen still reads them', () => {
    const text = allSources()
      .map((s) => s.text)
      .join('\n');
    const unused: string[] = [];
    for (const [key, bases] of Object.entries(AWAITING_TN)) {
      for (const base of bases) expect(sv[`${base}.one`] && sv[`${base}.other`], base).toBeTruthy();
      const read = new RegExp(`\\b(t|tDynamic)\\(\\s*'${key.replaceAll('.', '\\.')}'`);
      if (!read.test(text)) unused.push(key);
    }
    expect(unused, 'no longer read: delete these keys from sv.json, en.json and AWAITING_TN').toEqual([]);
  });
});

// One word per thing (docs/GLOSSARY.md): words that name something else, or nothing.
const NOT_SWEDISH: [RegExp, string][] = [
  [/notis/i, 'intresseanmälan'],
  [/\blager\b|\blagret\b/i, 'arkivet (the encrypted store)'],
  [/^(Sätt|Sättet)$/, 'Kanal / Skickad via'],
  [/^(Slag|Slaget)$/, 'Typ'],
  [/återkoppling fått/i, 'Återkoppling mottagen'],
];
const NOT_ENGLISH: [RegExp, string][] = [
  [/interest notice/i, 'expression of interest'],
  [/^(Kind|Part)$/, 'Type / Step'],
  [/\bpersons\b/i, 'people'],
];
// Investigation checklist items are "moment" (not "delar"), in the keys about them.
const INVESTIGATION_KEY = /^(inv|dash|missing|item|field)\./;

describe('glossary', () => {
  it('the UI says each thing with one word', () => {
    const bad: string[] = [];
    const words = (v: string) => v.replace(/\{\w+\}/g, '');
    for (const [k, value] of Object.entries(sv)) {
      const v = words(value);
      for (const [re, use] of NOT_SWEDISH) if (re.test(v)) bad.push(`sv ${k}: "${v}" – use ${use}`);
      if (INVESTIGATION_KEY.test(k) && /\b(del|delar|delen|delarna)\b/i.test(v)) bad.push(`sv ${k}: "${v}" – use moment`);
    }
    for (const [k, value] of Object.entries(en)) {
      const v = words(value);
      for (const [re, use] of NOT_ENGLISH) if (re.test(v)) bad.push(`en ${k}: "${v}" – use ${use}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('dates', () => {
  it('no date is formatted by the system locale', () => {
    const bad = allSources()
      .filter(({ file }) => !file.endsWith('i18n.svelte.ts'))
      .filter(({ text }) => /\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat|\.toDateString\(|\.toUTCString\(/.test(text))
      .map(({ file }) => file);
    expect(bad, 'show dates through lib/format.ts (formatDate, formatDateTime): ÅÅÅÅ-MM-DD').toEqual([]);
  });

  it('no date input follows the system locale', () => {
    const bad = allSources()
      .filter(({ text }) => /<input[^>]*type=["']date["']/.test(text))
      .map(({ file }) => file);
    expect(bad, 'use components/DateInput.svelte: it shows ÅÅÅÅ-MM-DD whatever the locale').toEqual([]);
  });
});
