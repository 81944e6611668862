// Saving a file outside Akta (components/SaveFile.svelte): what the user is told about
// the files saved. Only the names are shown, never the folders (which may name a person
// or an organisation's share); the full path stays in memory for "Visa i mappen".
import { t } from './i18n.svelte';
import type { SaveKind } from '../bindings/SaveKind';

/** The last part of a path, whatever the OS's separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

/** The confirmation for the files one save wrote: the chosen file, then any beside it. */
export function savedText(paths: string[]): string {
  const [first, second] = paths.map(fileName);
  return second === undefined ? t('save.saved', { name: first ?? '' }) : t('save.saved_pair', { name: first ?? '', json: second });
}

/** Every kind of file saved outside Akta, checked against the Rust enum by the type
 * system: each has its warning (`save.warning_<kind>`). */
export const SAVE_KINDS: Record<SaveKind, true> = {
  concern_pdf: true,
  extract: true,
  handover: true,
  backup: true,
  survey_summary: true,
  monthly_report: true,
  investigation_report: true,
};
