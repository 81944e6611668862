// The template editor (settings): a blank section, moving sections, and which rows a
// refusal of the core points at. The core checks a template as a whole and names the
// field (`key`, `heading`, `guidance`, `sections`), not the row; the rows are found
// here by the same rules, only to mark them — what is refused is the core's answer.
import { dictionary, tDynamic } from '../../lib/i18n.svelte';
import { fieldText } from '../../lib/errors';
import type { Reason } from '../../bindings/Reason';
import type { TemplateSection } from '../../bindings/TemplateSection';

export function blankSection(): TemplateSection {
  return { key: '', heading: '', guidance: '', facts: null, per_adult: false };
}

/** `list` with the item at `from` moved to `to` (a new array; out of range: unchanged). */
export function moved<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || to < 0 || from >= list.length || to >= list.length || from === to) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

const chars = (s: string) => [...s].length;
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_NOT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The rows (indexes) that a refusal of `field` for `reason` points at. */
export function refusedRows(sections: TemplateSection[], field: string, reason: Reason): number[] {
  const rows: number[] = [];
  const seen = new Set<string>();
  sections.forEach((s, i) => {
    const key = s.key.trim();
    let bad = false;
    if (field === 'key' && reason === 'format') bad = !/^[a-z0-9_]{1,40}$/.test(key);
    else if (field === 'key' && reason === 'duplicate') bad = seen.has(key);
    else if (field === 'heading' && reason === 'required') bad = s.heading.trim() === '';
    else if (field === 'heading' && reason === 'too_long') bad = chars(s.heading.trim()) > 200;
    else if (field === 'heading' && reason === 'characters') bad = LINE_BREAK_OR_CONTROL.test(s.heading.trim());
    else if (field === 'guidance' && reason === 'too_long') bad = chars(s.guidance.trim()) > 2000;
    else if (field === 'guidance' && reason === 'characters') bad = CONTROL_NOT_WHITESPACE.test(s.guidance);
    seen.add(key);
    if (bad) rows.push(i);
  });
  return rows;
}

/** A refusal of a template's field: its own sentence (`templates.refused.<field>.<reason>`)
 * when there is one, else the general "<field> <reason>". */
export function templateRefusal(field: string, reason: Reason): string {
  const own = `templates.refused.${field}.${reason}`;
  return own in dictionary('sv') ? tDynamic(own) : fieldText(field, reason);
}
