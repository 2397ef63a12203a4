// Reading bin files without a database: every value check, every bad-row reason with its line.
import { describe, expect, it } from 'vitest';
import { fileProblems } from './fixtures.ts';
import { readBinFile, type BinCandidate } from '../../domain/bin-import.ts';
import { parseEmptyingTime } from '../../domain/bin-values.ts';

const HEADER = 'ref;lat;lon;description;type;volume_l;department;next_emptying;active';


/** "where: problem; problem" for every bad row, as the command prints it. */
const badRows = (candidates: BinCandidate[]) => candidates.filter((c) => c.problems.length).map((c) => `${c.where}: ${c.problems.join('; ')}`);

describe('reading a CSV bin file', () => {
  it('reads every column of a German Excel file: ;, BOM, CRLF, decimal comma, quotes', () => {
    const text = `\uFEFF${HEADER}\r\nMZ-0001;50,0012;8,2711;"Rheinufer; Höhe ""Fischtor""";Papierkorb;50;gruen;2026-11-23T06:00;1\r\nMZ-0002;49.9995;8.2685;Markt;;;;;\r\n`;
    const { candidates, warnings } = readBinFile(text);
    expect(warnings).toEqual([]);
    expect(candidates).toEqual([
      {
        where: 'line 2',
        ref: 'MZ-0001',
        lat: 50.0012,
        lon: 8.2711,
        fields: { description: 'Rheinufer; Höhe "Fischtor"', binType: 'Papierkorb', volumeL: 50, department: 'gruen', nextEmptyingAt: '2026-11-23T05:00:00.000Z', active: true },
        problems: [],
      },
      // Empty cells are "not given": a new bin gets the defaults, an existing one keeps its values.
      { where: 'line 3', ref: 'MZ-0002', lat: 49.9995, lon: 8.2685, fields: { description: 'Markt' }, problems: [] },
    ]);
  });

  it('reads a comma-separated file with only the required columns, in any order and case', () => {
    const { candidates } = readBinFile('LON,Ref,Lat\n8.27,A,50\n');
    expect(candidates).toEqual([{ where: 'line 2', ref: 'A', lat: 50, lon: 8.27, fields: {}, problems: [] }]);
  });

  it('accepts the spellings of active and the aliases latitude/longitude', () => {
    const { candidates } = readBinFile('ref,latitude,longitude,active\nA,50,8.27,nein\nB,50,8.27,TRUE\nC,50,8.27,0\n');
    expect(candidates.map((c) => c.fields.active)).toEqual([false, true, false]);
  });

  it('names every bad row by its line (header = line 1) with all of its reasons', () => {
    const lines = [
      HEADER,
      ';50;8.27;no ref;;;;;', // 2
      'B;abc;8.27;;;;;;', // 3
      'C;50;;;;;;;', // 4
      'D;95;8.27;;;;;;', // 5
      'E;50;8.27;;;zehn;;;', // 6
      'F;50;8.27;;;;;23.11.2026;', // 7
      'G;50;8.27;;;;;2026-02-30;', // 8
      'H;50;8.27;;;;;;vielleicht', // 9
      'B;50;8.27;twice;;;;;', // 10
      `I;50;8.27;${'x'.repeat(201)};;;;;`, // 11
      'J;5O,1;8.27;;;0;;2026-11-23T25:00;2', // 12
    ];
    const { candidates } = readBinFile(lines.join('\n'));
    expect(badRows(candidates)).toEqual([
      'line 2: ref is missing',
      'line 3: lat "abc" is not a number',
      'line 4: lon is missing',
      'line 5: lat 95 is out of range (-90 to 90)',
      'line 6: volume_l "zehn" is not a whole number of litres',
      'line 7: next_emptying "23.11.2026" is not an ISO date or date-time (like 2026-11-23 or 2026-11-23T06:00)',
      'line 8: next_emptying "2026-02-30" is not an ISO date or date-time (like 2026-11-23 or 2026-11-23T06:00)',
      'line 9: active "vielleicht" is not 1 or 0',
      'line 10: ref "B" is a duplicate (first in line 3)',
      'line 11: description is longer than 200 characters',
      'line 12: lat "5O,1" is not a number; volume_l "0" is not a whole number of litres; next_emptying "2026-11-23T25:00" is not an ISO date or date-time (like 2026-11-23 or 2026-11-23T06:00); active "2" is not 1 or 0',
    ]);
  });

  it('does not take a decimal comma in a ,-separated file, and says why', () => {
    const { candidates } = readBinFile('ref,lat,lon\nA,"50,0",8.27\nB,50,0,8.27\n');
    expect(badRows(candidates)).toEqual([
      'line 2: lat "50,0" is not a number (use a decimal point, or separate the file with ;)',
      'line 3: has 4 fields but the header has 3 (is there an unquoted decimal comma?)',
    ]);
  });

  it('counts lines after a quoted line break like an editor does', () => {
    const { candidates } = readBinFile('ref,description,lat,lon\nA,"zwei\nZeilen",50,8.27\nB,,x,8.27\n');
    expect(badRows(candidates)).toEqual(['line 4: lat "x" is not a number']);
  });

  it('tolerates trailing empty cells but not extra values', () => {
    expect(badRows(readBinFile('ref;lat;lon\nA;50;8,27;;\n').candidates)).toEqual([]);
    expect(badRows(readBinFile('ref;lat;lon\nA;50;8,27;x\n').candidates)).toEqual(['line 2: has 4 fields but the header has 3']);
  });

  it('refuses files it cannot read as a whole, with every reason', () => {
    expect(fileProblems('ref;lon;Lat;latitude\n')).toEqual(['header (line 1): column "latitude" repeats column "Lat"']);
    expect(fileProblems('name;lat\nA;50\n')).toEqual([
      'header (line 1): column "ref" is missing (the header has: name, lat)',
      'header (line 1): column "lon" is missing (the header has: name, lat)',
    ]);
    expect(fileProblems('\uFEFFref;lat;lon\r\n')).toEqual(['the file has no rows below the header']);
    expect(fileProblems('')).toEqual(['the file is empty (a header row is required)']);
    expect(fileProblems('ref,lat,lon\nA,"50,8.27\n')).toEqual(['line 2: a quoted field is not closed (a " is missing)']);
  });

  it('warns about columns it does not use', () => {
    expect(readBinFile('ref,lat,lon,Bemerkung,\nA,50,8.27,x,\n').warnings).toEqual([
      'header (line 1): column "Bemerkung" is not used',
      'header (line 1): column 5 is not used',
    ]);
  });
});

describe('parseEmptyingTime', () => {
  it('reads a time without zone as Mainz local time, winter and summer', () => {
    expect(parseEmptyingTime('2026-11-23T06:00')).toBe('2026-11-23T05:00:00.000Z');
    expect(parseEmptyingTime('2026-07-01 06:30:15')).toBe('2026-07-01T04:30:15.000Z');
    // A bare date is its midnight in Mainz.
    expect(parseEmptyingTime('2026-11-23')).toBe('2026-11-22T23:00:00.000Z');
  });

  it('keeps an explicit zone', () => {
    expect(parseEmptyingTime('2026-11-23T06:00:00Z')).toBe('2026-11-23T06:00:00.000Z');
    expect(parseEmptyingTime('2026-11-23T06:00:00.5+02:00')).toBe('2026-11-23T04:00:00.500Z');
    expect(parseEmptyingTime('2026-11-23T06:00-0130')).toBe('2026-11-23T07:30:00.000Z');
  });

  it('refuses what is not an ISO date or cannot exist', () => {
    for (const text of ['23.11.2026', '2026-13-01', '2026-02-29', '2026-11-23T06:60', '2026-11-23T24:00', 'tomorrow', '']) {
      expect(parseEmptyingTime(text), text).toBeNull();
    }
    expect(parseEmptyingTime('2028-02-29')).toBe('2028-02-28T23:00:00.000Z');
  });
});
