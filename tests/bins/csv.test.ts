import { describe, expect, it } from 'vitest';
import { CsvError, detectSeparator, parseCsv } from '../../domain/bin-csv.ts';

describe('parseCsv', () => {
  it('reads a plain comma-separated file with a header', () => {
    const table = parseCsv('ref,lat,lon\nA-1,50.0,8.27\nA-2,50.1,8.28\n');
    expect(table.separator).toBe(',');
    expect(table.header).toEqual(['ref', 'lat', 'lon']);
    expect(table.records).toEqual([
      { line: 2, cells: ['A-1', '50.0', '8.27'] },
      { line: 3, cells: ['A-2', '50.1', '8.28'] },
    ]);
  });

  it('takes ; when the header has more semicolons than commas (German Excel)', () => {
    const table = parseCsv('ref;lat;lon;description\nA-1;50,0012;8,2711;Rheinufer, Höhe Fischtor\n');
    expect(table.separator).toBe(';');
    expect(table.records[0]!.cells).toEqual(['A-1', '50,0012', '8,2711', 'Rheinufer, Höhe Fischtor']);
  });

  it('drops a UTF-8 BOM, so the first column is still "ref"', () => {
    expect(parseCsv('\uFEFFref;lat\nA;1\n').header).toEqual(['ref', 'lat']);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks inside', () => {
    const table = parseCsv('ref,description,lat\n"A,1","Am ""Fischtor""\nbeim Brunnen",50\nB,"",51\n');
    expect(table.records).toEqual([
      { line: 2, cells: ['A,1', 'Am "Fischtor"\nbeim Brunnen', '50'] },
      // The quoted line break moved everything after it one line down.
      { line: 4, cells: ['B', '', '51'] },
    ]);
  });

  it('handles CRLF and old-Mac CR line ends and counts lines the way an editor does', () => {
    expect(parseCsv('ref,lat\r\nA,1\r\n\r\nB,2\r\n').records).toEqual([
      { line: 2, cells: ['A', '1'] },
      { line: 4, cells: ['B', '2'] },
    ]);
    expect(parseCsv('ref,lat\rA,1\rB,2').records.map((r) => r.line)).toEqual([2, 3]);
    expect(parseCsv('ref,desc\r\n"x\r\ny",1\r\nB,2').records.map((r) => r.line)).toEqual([2, 4]);
  });

  it('skips blank lines, trims cells and reads a last line without a line break', () => {
    const table = parseCsv('ref , lat\n\n  A ,  1\n;\nB,2');
    expect(table.records.map((r) => [r.line, r.cells])).toEqual([
      [3, ['A', '1']],
      [4, [';']],
      [5, ['B', '2']],
    ]);
  });

  it('keeps empty cells, so columns do not shift', () => {
    expect(parseCsv('a;b;c\n;x;\n').records[0]!.cells).toEqual(['', 'x', '']);
  });

  it('refuses an unclosed quote and names the line where it opened', () => {
    expect(() => parseCsv('ref,description\nA,"open\nB,closed\n')).toThrow(new CsvError('line 2: a quoted field is not closed (a " is missing)'));
  });

  it('refuses an empty file', () => {
    expect(() => parseCsv('')).toThrow(CsvError);
    expect(() => parseCsv('\uFEFF\n\n')).toThrow(/header row is required/);
  });

  it('detects the separator outside quotes only', () => {
    expect(detectSeparator('"a;b;c",d')).toBe(',');
    expect(detectSeparator('a;b')).toBe(';');
    expect(detectSeparator('ref')).toBe(',');
  });
});
