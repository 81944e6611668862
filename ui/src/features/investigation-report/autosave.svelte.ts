// Autosave of a draft of the written report. What is typed lives here (`text`), what the
// store last accepted in `saved`; the difference is what a save sends: the changed
// sections only, with the co-investigator and the recommendation. A save runs ~1.5 s
// after typing stops (`edit`), or at once (`flush`: on blur, a choice, before leaving).
// Saves run one after another, each sending what differs when it starts, so nothing
// typed during a save is lost or overwritten. A failed save leaves the text where it
// is and says so; the next edit or `flush` (the retry) sends it again.
//
// The text goes only to the store (the command): never to localStorage or
// sessionStorage, which would put it unencrypted on the disk.
import { asUiError } from '../../lib/errors';
import type { InvestigationReport } from '../../bindings/InvestigationReport';
import type { Recommendation } from '../../bindings/Recommendation';
import type { ReportSave } from '../../bindings/ReportSave';
import type { UiError } from '../../bindings/UiError';

/** What the caseworker writes in a draft. */
export interface DraftText {
  /** Each section's text by the section's id. */
  bodies: Record<number, string>;
  co_investigator: string;
  recommendation: Recommendation | null;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; error: UiError };

/** The text of a draft as the store holds it. */
export function textOf(r: InvestigationReport): DraftText {
  return {
    bodies: Object.fromEntries(r.sections.map((s) => [s.id, s.body])),
    co_investigator: r.co_investigator ?? '',
    recommendation: r.recommendation,
  };
}

/** What a save must send for `text` to be stored, or null when the store has it all. */
export function changes(text: DraftText, saved: DraftText): ReportSave | null {
  const sections = Object.entries(text.bodies)
    .filter(([id, body]) => saved.bodies[Number(id)] !== body)
    .map(([id, body]) => ({ id: Number(id), body }));
  const same = sections.length === 0 && text.co_investigator === saved.co_investigator && text.recommendation === saved.recommendation;
  if (same) return null;
  const co = text.co_investigator.trim();
  return { sections, co_investigator: co === '' ? null : text.co_investigator, recommendation: text.recommendation };
}

export interface Autosave {
  /** What is typed now (bind the fields to it). */
  readonly text: DraftText;
  readonly state: SaveState;
  /** The last save that succeeded, if any in this view. */
  readonly lastSaved: Date | null;
  /** Something typed is not stored yet. */
  readonly dirty: boolean;
  /** After each keystroke: saves when typing has stopped for the delay. */
  edit(): void;
  /** Saves now what is not stored; resolves to whether everything typed is stored. */
  flush(): Promise<boolean>;
  /** Stops the timer (the view is gone; call `flush` first). */
  stop(): void;
}

export function createAutosave(opts: {
  report: InvestigationReport;
  save: (input: ReportSave) => Promise<InvestigationReport>;
  /** The report as the store returned it (its facts drawn again). */
  onSaved?: (r: InvestigationReport) => void;
  delayMs?: number;
  now?: () => Date;
}): Autosave {
  const delay = opts.delayMs ?? 1500;
  const now = opts.now ?? (() => new Date());
  const text = $state<DraftText>(textOf(opts.report));
  let saved = $state<DraftText>(textOf(opts.report));
  let saving = $state(false);
  let failure = $state<UiError | null>(null);
  let lastSaved = $state<Date | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<boolean> = Promise.resolve(true);

  const dirty = $derived(changes(text, saved) !== null);

  function clear() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  /** Saves until the store has everything typed (typing during a save is sent next). */
  async function once(): Promise<boolean> {
    for (;;) {
      const snapshot: DraftText = { ...text, bodies: { ...text.bodies } };
      const input = changes(snapshot, saved);
      if (input === null) {
        failure = null;
        return true;
      }
      saving = true;
      try {
        const r = await opts.save(input);
        const bodies = { ...saved.bodies };
        for (const s of input.sections) bodies[s.id] = s.body;
        saved = { bodies, co_investigator: snapshot.co_investigator, recommendation: snapshot.recommendation };
        failure = null;
        lastSaved = now();
        opts.onSaved?.(r);
      } catch (e) {
        failure = asUiError(e);
        return false;
      } finally {
        saving = false;
      }
    }
  }

  function flush(): Promise<boolean> {
    clear();
    chain = chain.then(once, once);
    return chain;
  }

  return {
    get text() {
      return text;
    },
    get state(): SaveState {
      if (saving) return { kind: 'saving' };
      if (failure) return { kind: 'failed', error: failure };
      if (dirty) return { kind: 'pending' };
      return lastSaved ? { kind: 'saved', at: lastSaved } : { kind: 'idle' };
    },
    get lastSaved() {
      return lastSaved;
    },
    get dirty() {
      return dirty;
    },
    edit() {
      clear();
      timer = setTimeout(() => void flush(), delay);
    },
    flush,
    stop: clear,
  };
}
