// GeoJSON and OpenStreetMap (overpass-turbo) bin files, and the checks that need the city's data.
import { describe, expect, it } from 'vitest';
import { checkBinCandidates, readBinFile, type BinCandidate } from '../../domain/bin-import.ts';
import { bboxOf, type AreaGeometry } from '../../domain/geo.ts';
import { OVERPASS_EXPORT, point, fileProblems } from './fixtures.ts';

const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const badRows = (candidates: BinCandidate[]) => candidates.filter((c) => c.problems.length).map((c) => `${c.where}: ${c.problems.join('; ')}`);


describe('reading an OpenStreetMap export', () => {
  it('takes waste baskets, recognises them by ref or node id and finds dog-bag dispensers', () => {
    const { candidates } = readBinFile(JSON.stringify(OVERPASS_EXPORT));
    expect(candidates.slice(0, 3)).toEqual([
      { where: 'feature 1 (node/1234567)', ref: 'osm:node/1234567', lat: 50.0003, lon: 8.2766, fields: { description: 'Rheinufer, Höhe Fischtor', binType: 'Papierkorb' }, problems: [] },
      { where: 'feature 2 (node/2345678)', ref: 'osm:node/2345678', lat: 50.0001, lon: 8.2711, fields: { description: 'Hundewiese Volkspark', binType: 'Papierkorb mit Hundekotbeutelspender' }, problems: [] },
      { where: 'feature 3 (node/3456789)', ref: 'MZ-0815', lat: 49.9995, lon: 8.2685, fields: { binType: 'Papierkorb' }, problems: [] },
    ]);
    expect(badRows(candidates)).toEqual(['feature 4 (node/4567890): amenity is "bench", not "waste_basket"']);
  });

  it('reads the id forms of other overpass versions: "id" only, and type/id with nested tags', () => {
    const { candidates } = readBinFile(
      collection(
        { type: 'Feature', properties: { id: 'node/11', amenity: 'waste_basket' }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: { type: 'node', id: 12, tags: { amenity: 'waste_basket', ref: 'R12' }, relations: [], meta: {} }, geometry: point(8.27, 50) },
        { type: 'Feature', id: 'node/13', properties: { amenity: 'waste_basket', description: '' }, geometry: point(8.27, 50) },
      ),
    );
    expect(candidates.map((c) => [c.where, c.ref, c.problems])).toEqual([
      ['feature 1 (node/11)', 'osm:node/11', []],
      ['feature 2 (node/12)', 'R12', []],
      ['feature 3 (node/13)', 'osm:node/13', []],
    ]);
  });

  it('names every bad feature (1-based) with its reason', () => {
    const { candidates } = readBinFile(
      collection(
        { type: 'Feature', properties: { '@id': 'way/21', amenity: 'waste_basket' }, geometry: { type: 'Polygon', coordinates: [] } },
        { type: 'Feature', properties: { '@id': 'node/22' }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: { amenity: 'waste_basket' }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: { '@id': 'node/24', amenity: 'waste_basket' }, geometry: null },
        { type: 'Feature', properties: { '@id': 'node/25', amenity: 'waste_basket' }, geometry: { type: 'Point', coordinates: ['8.27', 50] } },
        { type: 'Feature', properties: { '@id': 'node/26', amenity: 'waste_basket' }, geometry: point(8.27, 91) },
        'not a feature',
        { type: 'Feature', properties: { '@id': 'node/28', amenity: 'waste_basket', ref: 'MZ-1' }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: { '@id': 'node/29', amenity: 'waste_basket', ref: 'MZ-1' }, geometry: point(8.27, 50) },
      ),
    );
    expect(badRows(candidates)).toEqual([
      'feature 1 (way/21): geometry is not a Point (Polygon); export nodes, or ways as their centre',
      'feature 2 (node/22): has no amenity=waste_basket tag',
      'feature 3: ref is missing',
      'feature 4 (node/24): has no geometry',
      'feature 5 (node/25): coordinates are not a [longitude, latitude] pair of numbers',
      'feature 6 (node/26): lat 91 is out of range (-90 to 90)',
      'feature 7: is not a GeoJSON Feature',
      'feature 9 (node/29): ref "MZ-1" is a duplicate (first in feature 8 (node/28))',
    ]);
  });
});

describe('reading a GeoJSON file with the CSV columns as properties', () => {
  it('reads the values and checks them like CSV cells', () => {
    const { candidates } = readBinFile(
      `\uFEFF${collection(
        { type: 'Feature', properties: { ref: 'MZ-1', description: 'Markt', type: 'Unterflurbehälter', volume_l: 120, department: 'Gruen', next_emptying: '2026-11-23', active: false }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: { ref: 7, volume_l: 2.5, active: 'ja' }, geometry: point(8.27, 50) },
        { type: 'Feature', properties: null, geometry: point(8.27, 50) },
      )}`,
    );
    expect(candidates[0]).toEqual({
      where: 'feature 1',
      ref: 'MZ-1',
      lat: 50,
      lon: 8.27,
      fields: { description: 'Markt', binType: 'Unterflurbehälter', volumeL: 120, department: 'gruen', nextEmptyingAt: '2026-11-22T23:00:00.000Z', active: false },
      problems: [],
    });
    expect(badRows(candidates)).toEqual(['feature 2: volume_l "2.5" is not a whole number of litres', 'feature 3: ref is missing']);
    expect(candidates[1]!.ref).toBe('7');
  });

  it('refuses what is not a FeatureCollection with features', () => {
    expect(fileProblems('{"type":')[0]).toMatch(/^not valid JSON: /);
    expect(fileProblems('{"type":"Feature"}')).toEqual(['not a GeoJSON FeatureCollection (expected "type": "FeatureCollection" with "features")']);
    expect(fileProblems('[1,2]')).toEqual(['not a GeoJSON FeatureCollection (expected "type": "FeatureCollection" with "features")']);
    expect(fileProblems(collection())).toEqual(['the FeatureCollection has no features']);
  });
});

describe('checkBinCandidates', () => {
  const city: AreaGeometry = { type: 'Polygon', coordinates: [[[8.2, 49.9], [8.35, 49.9], [8.35, 50.05], [8.2, 50.05], [8.2, 49.9]]] };
  const context = { boundary: { geometry: city, bbox: bboxOf(city) }, departmentSlugs: ['entsorgung', 'gruen'] };
  const rows = () => readBinFile('ref;lat;lon;department\nA;50;8,27;gruen\nB;50,5;8,27;\nC;8,27;50;\nD;50;8,27;parks\nE;x;8,27;parks\n').candidates;

  it('refuses points outside the boundary (hinting at swapped lat/lon) and unknown department slugs', () => {
    expect(badRows(checkBinCandidates(rows(), context))).toEqual([
      'line 3: lat 50.5, lon 8.27 is outside the city boundary',
      'line 4: lat 8.27, lon 50 is outside the city boundary; are lat and lon swapped?',
      'line 5: department "parks" is unknown (known: entsorgung, gruen)',
      // A location that is not a number is not also reported as outside.
      'line 6: lat "x" is not a number; department "parks" is unknown (known: entsorgung, gruen)',
    ]);
  });

  it('takes every point while no boundary was imported, and leaves its input alone', () => {
    const input = rows();
    const checked = checkBinCandidates(input, { boundary: null, departmentSlugs: ['gruen', 'parks'] });
    expect(badRows(checked)).toEqual(['line 6: lat "x" is not a number']);
    expect(input.every((c) => c.problems.length === (c.ref === 'E' ? 1 : 0))).toBe(true);
  });
});
