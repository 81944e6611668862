import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import { changes, createAutosave, textOf } from '../src/features/investigation-report/autosave.svelte';
import {
  FACTS_KINDS,
  REPORT_FIELDS,
  RECOMMENDATIONS,
  clock,
  refusalText,
  refusedSections,
  saveLine,
  sectionTestid,
  statusText,
} from '../src/features/investigation-report/report';
import { blankSection, moved, refusedRows, templateRefusal } from '../src/features/investigation-report/templates';
import type { InvestigationReport } from '../src/bindings/InvestigationReport';
import type { ReportSave } from '../src/bindings/ReportSave';
import type { ReportSection } from '../src/bindings/ReportSection';
import type { TemplateSection } from '../src/bindings/TemplateSection';

const section = (id: number, key: string, body = '', person_id: number | null = null): ReportSection => ({
  id,
  position: id,
  key,
  heading: key,
  guidance: '',
  facts: null,
  person_id,
  facts_text: null,
  body,
});

function report(sections: ReportSection[]): InvestigationReport {
  return {
    id: 7,
    investigation_id: 3,
    home_id: 2,
    round: 1,
    version: 1,
    method: 'kalvesten',
    home_name: 'Familjen Öberg',
    home_kind: 'familjehem',
    home_address: null,
    started_on: '2026-09-20',
    decision: null,
    decision_on: null,
    co_investigator: null,
    recommendation: null,
    justification: null,
    author_id: 1,
    author_name: 'Karin Konsulent',
    created_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    signed_at: null,
    signed_by_name: null,
    pdf_sha256: null,
    sent_on: null,
    sent_to: null,
    sent_to_name: null,
    status: 'draft',
    sections,
    versions: [],
    checklist_complete: false,
  };
}

const refused = { code: 'invalid_input', message: 'invalid input', fields: [{ field: 'body', reason: 'too_long' }] };

describe('what an autosave sends', () => {
  it('sends only the changed sections, always with the co-investigator and recommendation', () => {
    const saved = textOf(report([section(1, 'a', 'x'), section(2, 'b', 'y')]));
    expect(changes(saved, saved)).toBeNull();
    const now = { ...saved, bodies: { ...saved.bodies, 2: 'y och mer' } };
    expect(changes(now, saved)).toEqual({ sections: [{ id: 2, body: 'y och mer' }], co_investigator: null, recommendation: null });
    const chose = { ...saved, recommendation: 'recommended' as const, co_investigator: '  ' };
    expect(changes(chose, saved)).toEqual({ sections: [], co_investigator: null, recommendation: 'recommended' });
  });
});

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves 1.5 s after typing stops, once, and says when', async () => {
    const r = report([section(1, 'a'), section(2, 'b')]);
    const calls: ReportSave[] = [];
    const saver = createAutosave({
      report: r,
      save: async (input) => (calls.push(input), r),
      now: () => new Date(2026, 10, 30, 14, 2),
    });
    expect(saver.state.kind).toBe('idle');
    saver.text.bodies[1] = 'H';
    saver.edit();
    await vi.advanceTimersByTimeAsync(1000);
    saver.text.bodies[1] = 'Hej';
    saver.edit();
    expect(saver.state.kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(1400);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([{ sections: [{ id: 1, body: 'Hej' }], co_investigator: null, recommendation: null }]);
    expect(saver.state).toEqual({ kind: 'saved', at: new Date(2026, 10, 30, 14, 2) });
    setLang('sv');
    expect(saveLine(saver.state)).toBe('Sparat kl. 14:02');
    expect(await saver.flush()).toBe(true);
    expect(calls.length).toBe(1);
  });

  it('keeps the text after a failed save, says why, and sends it again on retry', async () => {
    const r = report([section(1, 'a')]);
    let fail = true;
    const calls: ReportSave[] = [];
    const saver = createAutosave({
      report: r,
      save: async (input) => {
        calls.push(input);
        if (fail) throw refused;
        return r;
      },
    });
    saver.text.bodies[1] = 'Viktig text';
    expect(await saver.flush()).toBe(false);
    expect(saver.text.bodies[1]).toBe('Viktig text');
    expect(saver.dirty).toBe(true);
    setLang('sv');
    expect(saver.state.kind).toBe('failed');
    expect(saveLine(saver.state)).toBe(
      'Det gick inte att spara: Texten i avsnittet är för lång (högst 100 000 tecken). Texten finns kvar i fälten.',
    );
    fail = false;
    expect(await saver.flush()).toBe(true);
    expect(calls.map((c) => c.sections)).toEqual([[{ id: 1, body: 'Viktig text' }], [{ id: 1, body: 'Viktig text' }]]);
    expect(saver.dirty).toBe(false);
  });

  it('runs one save at a time and sends what was typed during a save right after it', async () => {
    const r = report([section(1, 'a')]);
    const calls: ReportSave[] = [];
    let release: () => void = () => {};
    const saver = createAutosave({
      report: r,
      save: (input) => {
        calls.push(input);
        return new Promise((resolve) => (release = () => resolve(r)));
      },
    });
    saver.text.bodies[1] = 'Ett';
    const first = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.kind).toBe('saving');
    saver.text.bodies[1] = 'Ett två';
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.length).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.length).toBe(2);
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(calls.length).toBe(2);
    expect(calls.map((c) => c.sections[0]?.body)).toEqual(['Ett', 'Ett två']);
  });

  it('never writes the text to the browser storage', async () => {
    const written: string[] = [];
    const storage = { setItem: (k: string, v: string) => written.push(`${k}=${v}`), getItem: () => null, removeItem: () => {} };
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('sessionStorage', storage);
    const r = report([section(1, 'a')]);
    const saver = createAutosave({ report: r, save: async () => r });
    saver.text.bodies[1] = 'Känslig text om familjen';
    saver.edit();
    await vi.advanceTimersByTimeAsync(2000);
    await saver.flush();
    expect(written).toEqual([]);
    vi.unstubAllGlobals();
  });
});

describe('the report on screen', () => {
  it('names sections for the tests, per adult with the person', () => {
    expect(sectionTestid(section(1, 'health'))).toBe('report-section-health');
    expect(sectionTestid(section(2, 'health', '', 41))).toBe('report-section-health-41');
  });

  it('shows times of day with two digits', () => {
    expect(clock(new Date(2026, 0, 1, 9, 5))).toBe('09:05');
  });

  it('marks the sections a signing refusal points at', () => {
    const sections = [section(1, 'assessment'), section(2, 'recommendation', 'Skrivet'), section(3, 'home')];
    expect(refusedSections(sections, {}, { assessment: 'required' })).toEqual([1]);
    expect(refusedSections(sections, { 2: ' ' }, { recommendation_text: 'required' })).toEqual([2]);
    expect(refusedSections(sections, { 3: 'x'.repeat(11) }, { body: 'too_long' }, 10)).toEqual([3]);
  });

  it('says every refusal and every status in both languages', () => {
    setLang('sv');
    expect(refusalText('justification', 'required')).toBe('Checklistan är inte komplett. Skriv varför utredningen ändå signeras.');
    expect(refusalText('co_investigator', 'too_long')).toBe('Medutredare får ha högst 200 tecken.');
    expect(refusalText('justification', 'characters')).toBe(`Motivering ${dictionary('sv')['reason.characters']}`);
    expect(statusText('signed')).toBe('Signerad');
    const sv = dictionary('sv');
    const en = dictionary('en');
    for (const dict of [sv, en]) {
      for (const f of REPORT_FIELDS) expect(dict[`irep.field.${f}`], f).toBeTruthy();
      for (const s of ['draft', 'signed', 'sent']) expect(dict[`irep.status.${s}`], s).toBeTruthy();
      for (const k of Object.keys(FACTS_KINDS)) expect(dict[`facts_kind.${k}`], k).toBeTruthy();
      for (const r of RECOMMENDATIONS) expect(dict[`irep.recommendation.${r}`], r).toBeTruthy();
      expect(dict['save.warning_investigation_report']).toBeTruthy();
    }
  });
});

describe('the template editor', () => {
  const row = (key: string, heading = 'Rubrik', guidance = ''): TemplateSection => ({ ...blankSection(), key, heading, guidance });

  it('moves a section up and down, and nowhere out of range', () => {
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const list = ['a', 'b'];
    expect(moved(list, 0, -1)).toBe(list);
    expect(moved(list, 1, 2)).toBe(list);
  });

  it('marks the rows a refusal points at', () => {
    const rows = [row('home'), row('Hem'), row('home'), row('ok', ' '), row('x', 'a\nb'), row('y', 'R', 'g'.repeat(2001))];
    expect(refusedRows(rows, 'key', 'format')).toEqual([1]);
    expect(refusedRows(rows, 'key', 'duplicate')).toEqual([2]);
    expect(refusedRows(rows, 'heading', 'required')).toEqual([3]);
    expect(refusedRows(rows, 'heading', 'characters')).toEqual([4]);
    expect(refusedRows(rows, 'guidance', 'too_long')).toEqual([5]);
    expect(refusedRows(rows, 'sections', 'required')).toEqual([]);
  });

  it('says a refusal of a template in Swedish', () => {
    setLang('sv');
    expect(templateRefusal('key', 'duplicate')).toBe('Två avsnitt har samma nyckel.');
    expect(templateRefusal('sections', 'required')).toContain('recommendation');
  });
});
