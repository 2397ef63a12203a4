// The one coordinate parser of the citizen form and the staff location form: plain decimal numbers in
// range, nothing that JavaScript's Number() would also take (hex, exponents, Infinity, blanks).
import { describe, expect, it } from 'vitest';
import { parseCoordinate } from '../../domain/coordinates.ts';

describe('parseCoordinate', () => {
  it.each([
    ['49.99712', 'lat', 49.99712],
    ['8.27601', 'lon', 8.27601],
    ['-33.5', 'lat', -33.5],
    ['+8', 'lon', 8],
    ['49,99712', 'lat', 49.99712],
    ['  50.0  ', 'lat', 50],
    ['90', 'lat', 90],
    ['-180', 'lon', -180],
    ['0', 'lon', 0],
  ] as const)('accepts %j as %s', (text, axis, value) => {
    expect(parseCoordinate(text, axis)).toBe(value);
  });

  it.each([
    ['0x32', 'lat'],
    ['5.00005e1', 'lat'],
    ['5e1', 'lat'],
    ['Infinity', 'lat'],
    ['-Infinity', 'lon'],
    ['NaN', 'lat'],
    ['1e309', 'lon'],
    ['', 'lat'],
    ['   ', 'lat'],
    ['5 0.1', 'lat'],
    ['50. 1', 'lat'],
    ['50.', 'lat'],
    ['.5', 'lat'],
    ['0b110010', 'lat'],
    ['0o62', 'lat'],
    ['50.1.2', 'lat'],
    ['50,1,2', 'lat'],
    ['--50', 'lat'],
    ['٥٠', 'lat'],
    ['90.0001', 'lat'],
    ['-90.5', 'lat'],
    ['180.1', 'lon'],
    ['1000', 'lon'],
    ['50.' + '1'.repeat(40), 'lat'],
  ] as const)('refuses %j as %s', (text, axis) => {
    expect(parseCoordinate(text, axis)).toBeNull();
  });
});
