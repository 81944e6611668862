// The egenkontroll's fixed questions, by their column in the core (survey/questions.rs
// holds their Swedish texts; `survey.q.<code>` in sv.json must say the same, which a
// core test checks).
import type { Scores } from '../../bindings/Scores';

export type QuestionCode = keyof Scores;

/** Every question, in the order they are asked; checked against `Scores` by the type system. */
const ORDER: Record<QuestionCode, number> = { reachability: 0, supervision: 1, information: 2, training: 3, overall: 4 };
export const QUESTION_CODES = (Object.keys(ORDER) as QuestionCode[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** The answers, 1 (not at all) to 5 (fully), as the radio buttons' keys. */
export const SCORE_KEYS = ['1', '2', '3', '4', '5'] as const;
