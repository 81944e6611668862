import { describe, expect, it } from 'vitest';
import { candidateText, previewSegments, previewText } from '../src/lib/review';
import type { ReviewPassage } from '../src/bindings/ReviewPassage';

const passage = (text: string, withheld: [number, number][], candidates: ReviewPassage['candidates'] = []): ReviewPassage => ({
  table: 'journal_entries',
  title: 'Journal',
  row_id: 1,
  column: 'text',
  label: 'Anteckning',
  text,
  withheld,
  candidates,
});

describe('an extract passage under review', () => {
  it('shows withheld ranges as one marker, touching or overlapping ones merged', () => {
    const p = passage('Sara och Åsa var där.', [[9, 12], [0, 4], [2, 5]]);
    expect(previewText(p)).toBe('[…]och […] var där.');
    expect(previewText(passage('abc', []))).toBe('abc');
  });

  it('counts characters, not UTF-16 units (emoji, decomposed letters)', () => {
    const text = '😊 A\u030asa ringde';
    const p = passage(text, [[2, 6]], [{ start: 7, end: 13, kind: 'name' }]);
    expect(previewText(p)).toBe('😊 […] ringde');
    expect(candidateText(p, p.candidates[0])).toBe('ringde');
  });

  it('marks candidates that no range withholds', () => {
    const p = passage('Zeynep ringde 08-123 45 67.', [], [
      { start: 0, end: 6, kind: 'name' },
      { start: 14, end: 26, kind: 'phone' },
    ]);
    expect(previewSegments(p)).toEqual([
      { text: 'Zeynep', candidate: 'name' },
      { text: ' ringde ', candidate: null },
      { text: '08-123 45 67', candidate: 'phone' },
      { text: '.', candidate: null },
    ]);
  });
});
