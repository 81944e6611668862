// Texts for an investigation's checklist, from the generated Missing/StaleExtract types.
import type { Missing } from '../bindings/Missing';
import type { StaleExtract } from '../bindings/StaleExtract';
import { tDynamic } from './i18n.svelte';

export function missingText(m: Missing): string {
  switch (m.item) {
    case 'interview_adult':
    case 'interview_child':
      return tDynamic(`missing.${m.item}`, { name: m.name });
    case 'references':
      return tDynamic('missing.references', { have: m.have, need: m.need });
    case 'register_extract':
      return tDynamic('missing.register_extract', { name: m.name, register: tDynamic(`register.${m.register}`) });
    default:
      return tDynamic(`missing.${m.item}`);
  }
}

export function staleText(s: StaleExtract): string {
  return tDynamic('inv.stale', { register: tDynamic(`register.${s.register}`), name: s.name, date: s.issued_on });
}
