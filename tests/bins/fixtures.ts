// Small bin files shared by the tests of the reader, the database import and the command.
import { BinFileError, readBinFile } from '../../domain/bin-import.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

/** As overpass-turbo exports `node[amenity=waste_basket]` around the Mainz Altstadt (no timestamps). */
export const OVERPASS_EXPORT = {
  type: 'FeatureCollection',
  generator: 'overpass-turbo',
  copyright: 'The data included in this document is from www.openstreetmap.org. The data is made available under ODbL.',
  timestamp: '2026-11-20T09:12:44Z',
  features: [
    { type: 'Feature', properties: { '@id': 'node/1234567', amenity: 'waste_basket', description: 'Rheinufer, Höhe Fischtor' }, geometry: point(8.2766, 50.0003), id: 'node/1234567' },
    { type: 'Feature', properties: { '@id': 'node/2345678', amenity: 'waste_basket', vending: 'excrement_bags', waste: 'trash;dog_excrement', name: 'Hundewiese Volkspark' }, geometry: point(8.2711, 50.0001), id: 'node/2345678' },
    { type: 'Feature', properties: { '@id': 'node/3456789', amenity: 'waste_basket', ref: 'MZ-0815' }, geometry: point(8.2685, 49.9995), id: 'node/3456789' },
    { type: 'Feature', properties: { '@id': 'node/4567890', amenity: 'bench', backrest: 'yes' }, geometry: point(8.275, 49.9985), id: 'node/4567890' },
  ],
};

/** The overpass export without its bench: a file that imports cleanly. */
export const OVERPASS_BINS_ONLY = { ...OVERPASS_EXPORT, features: OVERPASS_EXPORT.features.slice(0, 3) };

/** A register as German Excel saves it: `;`, decimal comma, BOM, CRLF. All points lie in the demo Altstadt. */
export const REGISTER_CSV = [
  '\uFEFFref;lat;lon;description;type;volume_l;department;next_emptying;active',
  'MZ-0001;50,0012;8,2738;"Rheinufer, Höhe Fischtor";Papierkorb;50;;2026-11-23T06:00;1',
  'MZ-0002;49,9995;8,2685;Markt, am Dom;Papierkorb mit Hundekotbeutelspender;100;gruen;2026-11-24;',
  'MZ-0003;50,0005;8,2760;Liebfrauenplatz;Papierkorb;50;entsorgung;;1',
].join('\r\n');

export function writeFixture(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The problems of a file that must be refused as a whole. */
export function fileProblems(text: string): string[] {
  try {
    readBinFile(text);
  } catch (err) {
    if (err instanceof BinFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}
