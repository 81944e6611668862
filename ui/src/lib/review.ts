// The kinds of candidate an extract's review shows (the core sends each passage as it
// will read, in segments: see ReviewPassage.shown).
import type { CandidateKind } from '../bindings/CandidateKind';

/** Every kind of candidate, checked against the Rust enum by the type system. */
export const CANDIDATE_KINDS: Record<CandidateKind, true> = { name: true, phone: true, email: true, number: true };
