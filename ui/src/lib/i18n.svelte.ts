// Every string the UI shows comes from ../i18n/<lang>.json. Swedish is the default.
import sv from '../i18n/sv.json';
import en from '../i18n/en.json';

export type Lang = 'sv' | 'en';
export type MessageKey = keyof typeof sv;

const dictionaries: Record<Lang, Record<string, string>> = { sv, en };
const STORAGE_KEY = 'akta.lang';

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'sv';
}

export const i18n = $state<{ lang: Lang }>({ lang: initialLang() });

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(dictionaries[i18n.lang][key] ?? sv[key] ?? key, params);
}

/** Like `t`, for keys built at run time (error codes, reasons, fields). */
export function tDynamic(key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.lang][key] ?? dictionaries.sv[key] ?? key;
  return fill(text, params);
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function dictionary(lang: Lang): Record<string, string> {
  return dictionaries[lang];
}

/** A counted phrase in the right plural form: `<base>.one` or `<base>.other` (by the
 * language's plural rules), with `{n}` filled in. "1 träff", "3 träffar". */
export function tn(base: string, n: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(i18n.lang).select(n) === 'one' ? 'one' : 'other';
  return tDynamic(`${base}.${form}`, { n, ...params });
}
