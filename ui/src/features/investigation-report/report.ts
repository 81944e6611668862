// The written report (familjehemsutredning) on screen: the names of its parts, its
// sections' test ids, the autosave's line, and the texts of the core's refusals.
import { fieldText } from '../../lib/errors';
import { dictionary, t, tDynamic } from '../../lib/i18n.svelte';
import type { FactsKind } from '../../bindings/FactsKind';
import type { Reason } from '../../bindings/Reason';
import type { Recommendation } from '../../bindings/Recommendation';
import type { ReportSection } from '../../bindings/ReportSection';
import type { ReportStatus } from '../../bindings/ReportStatus';
import type { SaveState } from './autosave.svelte';

/** Every kind of facts, checked against the Rust enum by the type system. */
export const FACTS_KINDS: Record<FactsKind, true> = {
  assignment: true,
  members: true,
  visits: true,
  references: true,
  register_checks: true,
  bra_fam: true,
  checklist: true,
};

export const RECOMMENDATIONS: Recommendation[] = ['recommended', 'not_recommended'];

/** The fields the core names in its refusals of a report. */
export const REPORT_FIELDS = [
  'investigation',
  'report',
  'sections',
  'body',
  'co_investigator',
  'recommendation',
  'recommendation_text',
  'assessment',
  'justification',
  'pdf',
  'sent_on',
  'sent_to',
] as const;

/** The section keys whose text signing requires (see template.rs). */
export const RECOMMENDATION_KEY = 'recommendation';
export const ASSESSMENT_KEY = 'assessment';

export function statusText(s: ReportStatus): string {
  return tDynamic(`irep.status.${s}`);
}

export function factsText(k: FactsKind): string {
  return tDynamic(`facts_kind.${k}`);
}

/** The section's test id: `report-section-<key>`, for a per-adult one `…-<key>-<personId>`. */
export function sectionTestid(s: Pick<ReportSection, 'key' | 'person_id'>): string {
  return s.person_id === null ? `report-section-${s.key}` : `report-section-${s.key}-${s.person_id}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time of day as `HH:MM` (local time). */
export function clock(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A refusal of a report's field: its own sentence (`irep.refused.<field>.<reason>`)
 * when there is one, else "<field> <reason>" with the report's names of its fields. */
export function refusalText(field: string, reason: Reason): string {
  const own = `irep.refused.${field}.${reason}`;
  if (own in dictionary('sv')) return tDynamic(own);
  const name = `irep.field.${field}`;
  return name in dictionary('sv') ? `${tDynamic(name)} ${tDynamic(`reason.${reason}`)}` : fieldText(field, reason);
}

/** The autosave's line: "Sparar…", "Sparat kl. 14:02", …; null when nothing is to say. */
export function saveLine(s: SaveState): string | null {
  switch (s.kind) {
    case 'idle':
      return null;
    case 'pending':
      return t('irep.autosave.pending');
    case 'saving':
      return t('irep.autosave.saving');
    case 'saved':
      return t('irep.autosave.saved', { when: clock(s.at) });
    case 'failed': {
      const f = s.error.fields[0];
      const why = f ? refusalText(f.field, f.reason) : tDynamic(`error.${s.error.code}`);
      return t('irep.autosave.failed', { reason: why });
    }
  }
}

/** The sections the core's refusal of a save or a signing points at, by id. */
export function refusedSections(
  sections: ReportSection[],
  bodies: Record<number, string>,
  fields: Record<string, Reason>,
  maxChars = 100_000,
): number[] {
  const out: number[] = [];
  for (const s of sections) {
    const body = bodies[s.id] ?? s.body;
    if (fields['recommendation_text'] && s.key === RECOMMENDATION_KEY && body.trim() === '') out.push(s.id);
    else if (fields['assessment'] && s.key === ASSESSMENT_KEY && body.trim() === '') out.push(s.id);
    else if (fields['body'] === 'too_long' && [...body].length > maxChars) out.push(s.id);
  }
  return out;
}
