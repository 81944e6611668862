import { describe, expect, it } from 'vitest';
import { canMarkSent, description, DIRECTIONS, fileStem, formatSize, formOf, isLocked, MEDIA_TYPES, newForm, viewKind } from '../src/lib/documents';
import { fieldText } from '../src/lib/errors';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import type { Document } from '../src/bindings/Document';

describe('document sizes', () => {
  it('are whole kB below a megabyte, never 0 kB', () => {
    expect(formatSize(1, 'sv')).toBe('1 kB');
    expect(formatSize(1024, 'sv')).toBe('1 kB');
    expect(formatSize(1025, 'sv')).toBe('2 kB');
    expect(formatSize(300 * 1024, 'en')).toBe('300 kB');
  });

  it('are MB with one decimal in the language’s own decimal sign', () => {
    expect(formatSize(1024 * 1024, 'sv')).toBe('1 MB');
    expect(formatSize(3.44 * 1024 * 1024, 'sv')).toBe('3,4 MB');
    expect(formatSize(3.44 * 1024 * 1024, 'en')).toBe('3.4 MB');
    expect(formatSize(100 * 1024 * 1024, 'sv')).toBe('100 MB');
  });
});

describe('a file’s name as a title', () => {
  it('loses its extension and nothing else', () => {
    expect(fileStem('Avtal 2026.pdf')).toBe('Avtal 2026');
    expect(fileStem('intyg.skannat.PDF')).toBe('intyg.skannat');
    expect(fileStem('README')).toBe('README');
    expect(fileStem('.hemlig')).toBe('.hemlig');
    expect(fileStem('mapp/brev.docx')).toBe('brev');
  });
});

describe('a form’s description', () => {
  const doc = {
    title: 'Läkarintyg',
    direction: 'incoming',
    doc_type: 'intyg',
    dated_on: '2026-03-01',
    counterpart: 'Vårdcentralen',
    counterpart_org_id: 7,
    persons: [
      { id: 3, name: 'Åsa Öberg' },
      { id: 5, name: 'Lina Berg' },
    ],
  } as Document;

  it('starts from the document and goes to the core with the core’s field names', () => {
    const form = formOf(doc);
    expect([form.docType, form.datedOn, form.counterpart, form.orgId, form.persons]).toEqual(['intyg', '2026-03-01', 'Vårdcentralen', 7, [3, 5]]);
    const { title, direction, doc_type, dated_on, counterpart, counterpart_org_id } = doc;
    expect(description(form)).toEqual({ title, direction, doc_type, dated_on, counterpart, counterpart_org_id, persons: [3, 5] });
  });

  it('has no sender for a blank one and no organisation for 0', () => {
    const blank = formOf({ ...doc, counterpart: null, counterpart_org_id: null });
    expect([blank.counterpart, blank.orgId]).toEqual(['', 0]);
    const d = description({ ...blank, counterpart: '   ' });
    expect([d.counterpart, d.counterpart_org_id]).toEqual([null, null]);
  });

  it('of a new document is blank but for its title, kind and date', () => {
    const form = newForm('Avtal', 'drawn_up', '2026-03-01');
    expect(form).toEqual({ title: 'Avtal', direction: 'drawn_up', docType: '', datedOn: '2026-03-01', counterpart: '', orgId: 0, persons: [] });
  });
});

describe('the viewer', () => {
  it('shows PDFs, images and text, and only saves the rest', () => {
    expect(viewKind('pdf')).toBe('pdf');
    expect(['jpeg', 'png', 'webp'].map((m) => viewKind(m as 'jpeg'))).toEqual(['image', 'image', 'image']);
    expect(viewKind('text')).toBe('text');
    expect(['heic', 'docx', 'odt'].map((m) => viewKind(m as 'heic'))).toEqual(['none', 'none', 'none']);
  });

  it('locks a sent document and offers "sent" only for an unsent drawn-up one', () => {
    const d = { direction: 'drawn_up', sent_on: null } as Document;
    expect(isLocked(d)).toBe(false);
    expect(canMarkSent(d)).toBe(true);
    expect(canMarkSent({ ...d, direction: 'incoming' })).toBe(false);
    const sent = { ...d, sent_on: '2026-03-01' };
    expect(isLocked(sent)).toBe(true);
    expect(canMarkSent(sent)).toBe(false);
  });
});

describe('document texts', () => {
  it('every kind and media type has a text in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      const dict = dictionary(lang);
      for (const k of Object.keys(DIRECTIONS)) expect(dict[`documents.direction_${k}`], `${lang} ${k}`).toBeTruthy();
      for (const m of Object.keys(MEDIA_TYPES)) expect(dict[`documents.media_${m}`], `${lang} ${m}`).toBeTruthy();
    }
  });

  it('a refused file says why in a sentence of its own', () => {
    setLang('sv');
    expect(fieldText('file', 'required')).toBe('Filen är tom.');
    expect(fieldText('file', 'too_long')).toBe('Filen är större än 100 MB.');
    expect(fieldText('file', 'executable')).toContain('program eller skript');
    expect(fieldText('file', 'file_type')).toContain('tar inte emot den här filtypen');
    expect(fieldText('sent_on', 'not_allowed')).toBe('Dokumentet är skickat och kan inte ändras; lägg till en ny version.');
    expect(fieldText('criminal_reason', 'required')).toBe('Skäl att spara registerutdraget måste fyllas i.');
    expect(fieldText('doc_type', 'required')).toBe('Välj en typ.');
    // Other fields keep the "<field> <reason>" form.
    expect(fieldText('title', 'required')).toBe('Titel måste fyllas i.');
    setLang('en');
    expect(fieldText('file', 'required')).toBe('The file is empty.');
    setLang('sv');
  });
});
