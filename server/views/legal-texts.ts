// The legal pages' texts live as Markdown files under content/legal/ (NAME.de.md, NAME.en.md, and
// NAME.tr.md, NAME.ar.md, NAME.uk.md where the city has a translation) so that a city edits them
// without touching code. A missing translation is stood in for by English, then German (decision 033). They are read at request time and kept while the file's
// modification time and size stay the same, so an edited file shows on the next request.
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../i18n/index.ts';

export const LEGAL_DIR = fileURLToPath(new URL('../../content/legal/', import.meta.url));

export interface LegalText {
  source: string;
  /** The language the text is in: English (then German) stands in for a missing translation. */
  lang: Lang;
}

const cache = new Map<string, { mtimeMs: number; size: number; source: string }>();

async function readCached(file: string): Promise<string | null> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  const known = cache.get(file);
  if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known.source;
  const source = await readFile(file, 'utf8');
  cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, source });
  return source;
}

/** Figures from the configuration that texts may name, written `{{emailDays}}` in a file. */
export interface LegalFigures {
  emailDays: number;
  photoMonths: number;
}

function fillFigures(source: string, figures: LegalFigures): string {
  return source.replace(/\{\{(emailDays|photoMonths)\}\}/g, (_, name: keyof LegalFigures) => String(figures[name]));
}

/** `name` comes from the route table, never from the request. */
export async function loadLegalText(name: string, lang: Lang, figures: LegalFigures, dir = LEGAL_DIR): Promise<LegalText | null> {
  for (const candidate of [...new Set<Lang>([lang, 'en', 'de'])]) {
    const source = await readCached(join(dir, `${name}.${candidate}.md`));
    if (source !== null) return { source: fillFigures(source, figures), lang: candidate };
  }
  return null;
}
