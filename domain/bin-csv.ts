// A small CSV reader for the bin register. The files come from spreadsheets: German Excel writes `;`
// with a decimal comma, others `,`; either may carry a UTF-8 BOM, CRLF (or old-Mac CR) line ends and
// quoted fields with doubled quotes and line breaks inside. Problems name the file's line number,
// because that is what a person sees in an editor.

export type CsvSeparator = ',' | ';';

export interface CsvRecord {
  /** Line of the file on which the record starts; the header is line 1. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  separator: CsvSeparator;
  header: string[];
  headerLine: number;
  records: CsvRecord[];
}

export class CsvError extends Error {}

/** The separator the header line uses more often; a header without either is one column, `,`. */
export function detectSeparator(headerLine: string): CsvSeparator {
  const count = (ch: string) => headerLine.replace(/"[^"]*"/g, '').split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Splits the whole text into records of raw cells; blank lines are left out. */
export function parseCsv(input: string): CsvTable {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const separator = detectSeparator(firstLine);
  const rows: CsvRecord[] = [];

  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // inside a quoted field
  let recordLine = 1;
  let quoteLine = 1;
  let recordHasText = false;

  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (recordHasText || cells.some((c) => c !== '')) rows.push({ line: recordLine, cells });
    cells = [];
    recordHasText = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      recordHasText = true;
      cell = '';
    } else if (ch === separator) {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is not closed (a " is missing)`);
  if (cell !== '' || cells.length > 0) endRecord();

  const [header, ...records] = rows;
  if (!header) throw new CsvError('the file is empty (a header row is required)');
  return { separator, header: header.cells, headerLine: header.line, records };
}
