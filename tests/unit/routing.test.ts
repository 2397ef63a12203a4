import { describe, expect, it } from 'vitest';
import { UserError } from '../../domain/errors.ts';
import { bboxOf, type AreaGeometry } from '../../domain/geo.ts';
import { routeReport, type RoutingTable } from '../../domain/routing.ts';

// A 15 x 10 city. A has a hole in which the enclave H lies; C is a MultiPolygon with a gap between
// its two parts that belongs to no district.
const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] as [number, number][];
const geometries: Record<string, AreaGeometry> = {
  A: { type: 'Polygon', coordinates: [square(0, 0, 5, 10), square(1, 1, 3, 3)] },
  H: { type: 'Polygon', coordinates: [square(1, 1, 3, 3)] },
  B: { type: 'Polygon', coordinates: [square(5, 0, 10, 10)] },
  C: { type: 'MultiPolygon', coordinates: [[square(10, 0, 15, 4)], [square(10, 6, 15, 10)]] },
};
const ids: Record<string, number> = { A: 1, H: 2, B: 3, C: 4 };
const boundary: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 15, 10)] };

const CENTRAL = 99;
const table: RoutingTable = {
  boundary: { geometry: boundary, bbox: bboxOf(boundary) },
  districts: Object.entries(geometries).map(([name, geometry]) => ({ id: ids[name]!, name, geometry, bbox: bboxOf(geometry) })),
  rules: [
    { categoryId: 1, districtId: ids.B!, departmentId: 20 }, // pothole in B
    { categoryId: 1, districtId: ids.H!, departmentId: 21 }, // pothole in the enclave
    { categoryId: 2, districtId: null, departmentId: 30 }, // graffiti, whole city
    { categoryId: 2, districtId: ids.C!, departmentId: 31 }, // graffiti in C
  ],
  centralDepartmentId: CENTRAL,
};
const pothole = { id: 1, defaultDepartmentId: 10 };
const graffiti = { id: 2, defaultDepartmentId: null };
const other = { id: 3, defaultDepartmentId: null };
const binFull = { id: 4, defaultDepartmentId: 50 };

type Row = [string, { id: number; defaultDepartmentId: number | null }, [number, number], { departmentId: number | null } | null, number, string | null, string];

const rows: Row[] = [
  // name, category, [lon, lat], bin, department, district, reason
  ['default department inside A', pothole, [4, 5], null, 10, 'A', 'category-default'],
  ['district rule in B', pothole, [7, 5], null, 20, 'B', 'district-rule'],
  ['shared border A|B goes to the first district (A)', pothole, [5, 5], null, 10, 'A', 'category-default'],
  ['shared corner A|B on the city edge', pothole, [5, 0], null, 10, 'A', 'category-default'],
  ['border B|C goes to B, rule of B', pothole, [10, 2], null, 20, 'B', 'district-rule'],
  ['inside the hole of A is the enclave H', pothole, [2, 2], null, 21, 'H', 'district-rule'],
  ['on the hole border: A is a closed set and first', pothole, [1, 2], null, 10, 'A', 'category-default'],
  ['MultiPolygon: first part', graffiti, [12, 2], null, 31, 'C', 'district-rule'],
  ['MultiPolygon: second part', graffiti, [12, 8], null, 31, 'C', 'district-rule'],
  ['MultiPolygon: gap between the parts has no district', graffiti, [12, 5], null, 30, null, 'category-rule'],
  ['city-wide rule outside C', graffiti, [7, 5], null, 30, 'B', 'category-rule'],
  ['gap, category with default only', pothole, [12, 5], null, 10, null, 'category-default'],
  ['no rule, no default: central triage', other, [7, 5], null, CENTRAL, 'B', 'central'],
  ['no rule, no default, no district: central triage', other, [12, 5], null, CENTRAL, null, 'central'],
  ["bin's own department wins over rules", pothole, [7, 5], { departmentId: 40 }, 40, 'B', 'bin'],
  ["bin's own department wins over the default", binFull, [4, 5], { departmentId: 40 }, 40, 'A', 'bin'],
  ['bin without own department: the category default', binFull, [4, 5], { departmentId: null }, 50, 'A', 'category-default'],
  ['point on the city boundary is inside', pothole, [15, 2], null, 10, 'C', 'category-default'],
  ['city corner is inside', pothole, [0, 0], null, 10, 'A', 'category-default'],
];

describe('routeReport', () => {
  it.each(rows)('%s', (_name, category, [lon, lat], bin, department, district, reason) => {
    const route = routeReport({ category, point: { lon, lat }, bin }, table);
    expect(route).toEqual({ departmentId: department, districtId: district === null ? null : ids[district], reason });
  });

  it.each([
    ['east of the city', [16, 5]],
    ['west of the city', [-0.001, 5]],
    ['south of the city', [7, -0.5]],
    ['far away', [100, 50]],
    ['not a number', [Number.NaN, 5]],
  ] as const)('refuses a point %s', (_name, [lon, lat]) => {
    const attempt = () => routeReport({ category: pothole, point: { lon, lat } }, table);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(expect.objectContaining({ status: 422, key: 'error.outsideCity' }));
  });

  it('refuses a point outside the city even for a bin with its own department', () => {
    expect(() => routeReport({ category: binFull, point: { lon: 20, lat: 5 }, bin: { departmentId: 40 } }, table)).toThrow(UserError);
  });

  it('accepts every point while no boundary is configured', () => {
    const route = routeReport({ category: pothole, point: { lon: 100, lat: 50 } }, { ...table, boundary: null });
    expect(route).toEqual({ departmentId: 10, districtId: null, reason: 'category-default' });
  });

  it('takes the district rule over the city-wide rule of the same category', () => {
    expect(routeReport({ category: graffiti, point: { lon: 11, lat: 1 } }, table).departmentId).toBe(31);
  });
});
