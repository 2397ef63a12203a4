// What the bin file readers hand on: one candidate per row or feature, good or bad, and the problems
// that make the whole file unusable (it is refused even with --skip-bad).
import type { BinCandidate } from './bin-values.ts';

export interface BinFileReading {
  candidates: BinCandidate[];
  /** Worth saying, but no reason to refuse the file (columns that are not used). */
  warnings: string[];
}

export class BinFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
