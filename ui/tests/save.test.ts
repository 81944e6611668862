import { describe, expect, it } from 'vitest';
import { dictionary, setLang } from '../src/lib/i18n.svelte';
import { fileName, SAVE_KINDS, savedText } from '../src/lib/save';

describe('saving a file outside Akta', () => {
  it('shows only the file name, whatever the separator', () => {
    expect(fileName('/home/karin/Dokument/orosanmalan-2026-11-30.pdf')).toBe('orosanmalan-2026-11-30.pdf');
    expect(fileName('C:\\Users\\karin\\Documents\\registerutdrag-2026-11-30.pdf')).toBe('registerutdrag-2026-11-30.pdf');
    expect(fileName('kopia.age')).toBe('kopia.age');
  });

  it('names every file a save wrote, never the folder', () => {
    setLang('sv');
    expect(savedText(['/srv/Anna/orosanmalan-2026-11-30.pdf'])).toBe('Sparad: orosanmalan-2026-11-30.pdf');
    const pair = savedText(['/srv/Anna/registerutdrag-2026-11-30.pdf', '/srv/Anna/registerutdrag-2026-11-30.json']);
    expect(pair).toBe('Sparade: registerutdrag-2026-11-30.pdf och registerutdrag-2026-11-30.json');
    expect(pair).not.toContain('Anna');
  });

  it('every kind warns in both languages before the dialog', () => {
    for (const kind of Object.keys(SAVE_KINDS)) {
      for (const lang of ['sv', 'en'] as const) {
        expect(dictionary(lang)[`save.warning_${kind}`], `${lang} ${kind}`).toBeTruthy();
      }
    }
    // The files that leave unencrypted say so.
    for (const kind of ['concern_pdf', 'extract', 'handover']) {
      expect(dictionary('sv')[`save.warning_${kind}`]).toContain('inte krypterad');
      expect(dictionary('en')[`save.warning_${kind}`]).toContain('not encrypted');
    }
  });
});
