// Reading address files without a database: every refusal names what and where (the import command
// prints these lines and writes nothing; tests/addresses/import.test.ts runs it).
import { describe, expect, it } from 'vitest';
import { AddressFileError, readAddressFile } from '../../domain/address-files.ts';
import { HKDE_PLACES, hkDeFile, hkDeLine, osmExport } from './fixtures.ts';

const problemsOf = (content: unknown) => {
  try {
    readAddressFile(typeof content === 'string' ? content : JSON.stringify(content));
  } catch (err) {
    if (err instanceof AddressFileError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('the file was accepted');
};

describe('refused address files', () => {
  it.each([
    ['an empty file', '', /^the file is empty$/],
    ['broken JSON', '{"type": "FeatureCollection", ', /^not valid JSON/],
    ['GeoJSON that is no FeatureCollection', { type: 'Feature' }, /^not a GeoJSON FeatureCollection$/],
    ['projected coordinates in GeoJSON', osmExport([{ type: 'Feature', properties: { 'addr:street': 'Rheinstraße', 'addr:housenumber': '99' }, geometry: { type: 'Point', coordinates: [447969.9, 5538883.2] } }]), /^feature 7 \("Rheinstraße 99"\): coordinates are not a \[longitude, latitude\] pair in degrees/],
    ['a bad postcode', osmExport([{ type: 'Feature', properties: { 'addr:street': 'Rheinstraße', 'addr:housenumber': '99', 'addr:postcode': '5511' }, geometry: { type: 'Point', coordinates: [8.27, 50] } }]), /^feature 7 \("Rheinstraße 99"\): addr:postcode "5511" is not five digits$/],
    ['GeoJSON without any address', { type: 'FeatureCollection', features: [] }, /^no feature has addr:street and addr:housenumber \(0 features read\)$/],
    ['HK-DE with a missing field', hkDeFile([hkDeLine(HKDE_PLACES[0]!), hkDeLine(HKDE_PLACES[1]!).replace(';Altstadt', '')]), /^line 2: 17 fields, HK-DE has 18/],
    ['HK-DE with geographic coordinates', hkDeFile([hkDeLine({ ...HKDE_PLACES[0]!, east: '8,2652', north: '50,0014' })]), /^line 1: coordinates "8,2652", "50,0014" are not ETRS89\/UTM \(EPSG:25832\) metres in Germany$/],
    ['HK-DE in another zone', hkDeFile([hkDeLine({ ...HKDE_PLACES[0]!, east: '29447340,811' })]), /^line 1: east value "29447340,811" names UTM zone 29/],
    ['HK-DE without a street', hkDeFile([hkDeLine({ ...HKDE_PLACES[0]!, street: '' })]), /^line 1: street \(STN\) or house number \(HNR\) is empty$/],
    ['comma-separated text', 'a,b,c\n1,2,3\n', /^not an HK-DE file: its fields are not separated by ";"/],
  ])('%s', (_name, content, message) => expect(problemsOf(content)).toMatch(message));

  it('lists at most 20 problems of a long bad file, and says how many more', () => {
    const problems = problemsOf(hkDeFile(Array.from({ length: 25 }, () => hkDeLine({ ...HKDE_PLACES[0]!, north: 'x' })))).split('\n');
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('… and 5 more problems');
  });
});

describe('accepted address files', () => {
  it('HK-DE with a header naming the fields, and east values without the zone', () => {
    const header = 'STN;HNR;ADZ;PLZ;ONM;OST;NORD';
    const line = 'Große Bleiche;12;a;55116;Mainz;447477,845;5539132,652';
    const reading = readAddressFile(`\uFEFF${header}\n${line}\n`);
    expect(reading.addresses).toEqual([{ street: 'Große Bleiche', houseNumber: '12a', postcode: '55116', city: 'Mainz', lon: expect.closeTo(8.2671, 5), lat: expect.closeTo(50.0022, 5) }]);
  });

  it('an OSM building with two numbers ("12;14") gives both', () => {
    const reading = readAddressFile(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 'addr:street': 'Rheinstraße', 'addr:housenumber': '12;14' }, geometry: { type: 'Point', coordinates: [8.27, 50] } }] }));
    expect(reading.addresses.map((a) => a.houseNumber)).toEqual(['12', '14']);
  });
});
