// Documents of a personakt (features/documents): how their sizes and names are shown
// and how the viewer shows each type. The bytes are checked by the core, never here.
import type { Direction } from '../bindings/Direction';
import type { Document } from '../bindings/Document';
import type { DocumentDescription } from '../bindings/DocumentDescription';
import type { MediaType } from '../bindings/MediaType';
import type { Lang } from './i18n.svelte';

const KB = 1024;
const MB = 1024 * 1024;

/** A size for the list: whole kB below 1 MB (at least 1 kB), MB with one decimal
 * above, with the language's decimal sign ("3,4 MB", "3.4 MB"). */
export function formatSize(bytes: number, lang: Lang): string {
  if (bytes < MB) return `${Math.max(1, Math.ceil(bytes / KB))} kB`;
  const mb = Math.round((bytes / MB) * 10) / 10;
  const text = mb.toFixed(1).replace(/\.0$/, '');
  return `${lang === 'sv' ? text.replace('.', ',') : text} MB`;
}

/** A file's name without its extension: the title a new document starts with
 * ("Avtal 2026.pdf" → "Avtal 2026"). A name that is only an extension stays whole. */
export function fileStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

/** What a form's description fields hold (DocumentFields.svelte): the sender in words
 * ('' for none) and an organisation's id (0 for none). */
export type DescriptionForm = {
  title: string;
  direction: Direction;
  docType: string;
  datedOn: string;
  counterpart: string;
  orgId: number;
  persons: number[];
};

/** The form of a new document, titled after its file, dated `datedOn`. */
export function newForm(title: string, direction: Direction, datedOn: string): DescriptionForm {
  return { title, direction, docType: '', datedOn, counterpart: '', orgId: 0, persons: [] };
}

/** A document's description as the edit form starts from it. */
export function formOf(d: Document): DescriptionForm {
  return {
    title: d.title,
    direction: d.direction,
    docType: d.doc_type,
    datedOn: d.dated_on,
    counterpart: d.counterpart ?? '',
    orgId: d.counterpart_org_id ?? 0,
    persons: d.persons.map((p) => p.id),
  };
}

/** The description a form gives the core, for adding and for changing a document: a
 * blank sender and organisation 0 are none. */
export function description(f: DescriptionForm): DocumentDescription {
  return {
    title: f.title,
    direction: f.direction,
    doc_type: f.docType,
    dated_on: f.datedOn,
    counterpart: f.counterpart.trim() === '' ? null : f.counterpart,
    counterpart_org_id: f.orgId === 0 ? null : f.orgId,
    persons: f.persons,
  };
}

/** How the viewer shows a type: PDF pages, an image, text, or not at all (saved only). */
export type ViewKind = 'pdf' | 'image' | 'text' | 'none';

export function viewKind(media: MediaType): ViewKind {
  switch (media) {
    case 'pdf':
      return 'pdf';
    case 'jpeg':
    case 'png':
    case 'webp':
      return 'image';
    case 'text':
      return 'text';
    default:
      return 'none';
  }
}

/** The MIME type an image is shown with. */
export function imageMime(media: MediaType): string {
  return media === 'jpeg' ? 'image/jpeg' : media === 'png' ? 'image/png' : 'image/webp';
}

/** A sent document is kept as it is (a correction is a new version). */
export const isLocked = (d: Document): boolean => d.sent_on !== null;

/** Whether the document may be recorded as sent: drawn up and not yet sent. */
export const canMarkSent = (d: Document): boolean => d.direction === 'drawn_up' && d.sent_on === null;

/** Every kind of document, checked against the Rust enum by the type system: each has
 * its text (`documents.direction_<kind>`). */
export const DIRECTIONS: Record<Direction, true> = { incoming: true, drawn_up: true };

/** Every media type, checked against the Rust enum: each has its text
 * (`documents.media_<type>`). */
export const MEDIA_TYPES: Record<MediaType, true> = {
  pdf: true,
  jpeg: true,
  png: true,
  webp: true,
  heic: true,
  docx: true,
  odt: true,
  text: true,
};
