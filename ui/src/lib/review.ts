// How a passage under review reads in the extract: withheld ranges as […], candidates
// marked for the reviewer. Offsets are characters (code points), as the core counts.
import type { Candidate } from '../bindings/Candidate';
import type { CandidateKind } from '../bindings/CandidateKind';
import type { ReviewPassage } from '../bindings/ReviewPassage';

export const WITHHELD = '[…]';

/** Every kind of candidate, checked against the Rust enum by the type system. */
export const CANDIDATE_KINDS: Record<CandidateKind, true> = { name: true, phone: true, email: true, number: true };

export interface Segment {
  text: string;
  candidate: CandidateKind | null;
}

/** The candidate's text in the passage. */
export function candidateText(p: ReviewPassage, c: Candidate): string {
  return Array.from(p.text).slice(c.start, c.end).join('');
}

/** The passage as the extract will show it, in segments (overlapping ranges merge). */
export function previewSegments(p: ReviewPassage): Segment[] {
  const cs = Array.from(p.text);
  const withheld = [...p.withheld].sort((a, b) => a[0] - b[0]);
  const candidates = [...p.candidates].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain) out.push({ text: plain, candidate: null });
    plain = '';
  };
  while (i < cs.length) {
    const w = withheld.find(([s, e]) => s <= i && i < e);
    if (w) {
      // One marker for a run of touching or overlapping ranges.
      let end = w[1];
      for (const [s, e] of withheld) if (s <= end && e > end) end = e;
      plain += WITHHELD;
      i = end;
      continue;
    }
    const c = candidates.find((x) => x.start === i);
    if (c) {
      flush();
      out.push({ text: cs.slice(c.start, c.end).join(''), candidate: c.kind });
      i = c.end;
      continue;
    }
    plain += cs[i];
    i += 1;
  }
  flush();
  return out;
}

/** The preview as plain text. */
export const previewText = (p: ReviewPassage): string =>
  previewSegments(p)
    .map((s) => s.text)
    .join('');
