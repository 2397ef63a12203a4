// The sticker fonts, embedded (as subsets) in every PDF so that a print shop or another computer
// prints exactly what was laid out. DejaVu (Bitstream Vera licence, DejaVu changes public domain) comes
// as TrueType from npm, so no system font is needed; its monospaced bold keeps every code equally wide.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontId } from './sticker-text.ts';

const require = createRequire(import.meta.url);

const FILES: Record<FontId, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  code: 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
};

let loaded: Record<FontId, Buffer> | undefined;

/** The font files, read once per process. */
export function stickerFonts(): Record<FontId, Buffer> {
  loaded ??= {
    regular: readFileSync(require.resolve(FILES.regular)),
    bold: readFileSync(require.resolve(FILES.bold)),
    code: readFileSync(require.resolve(FILES.code)),
  };
  return loaded;
}
