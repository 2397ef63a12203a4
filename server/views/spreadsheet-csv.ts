// CSV for German spreadsheets (the staff exports): UTF-8 with a byte-order mark so that umlauts survive,
// ';' between cells because ',' is the decimal separator there, CRLF between rows. Text people typed can
// start a formula (=HYPERLINK(…), +, -, @, and tab or CR in some programs): such cells get a leading
// apostrophe, which Excel and LibreOffice show as text (OWASP "CSV injection").

export const SPREADSHEET_BOM = '\uFEFF';
export const SPREADSHEET_SEPARATOR = ';';

function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A cell: formula starters defused, then quoted when it must be (or always, with `quote`). */
export function csvCell(value: string | number | null, quote = false): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = defuseFormula(value);
  return quote || /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, rows of ready cells joined by ';', CRLF after every row. */
export function spreadsheetCsv(rows: readonly (readonly string[])[]): string {
  return `${SPREADSHEET_BOM}${rows.map((cells) => cells.join(SPREADSHEET_SEPARATOR)).join('\r\n')}\r\n`;
}
