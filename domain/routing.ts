// Which department gets a report: a pure function of the category, the point, an optional bin and
// the routing table, so that every precedence rule can be tested without a database.
import { UserError } from './errors.ts';
import { geometryContains, type AreaGeometry, type BBox, type Point } from './geo.ts';

export interface RoutingDistrict {
  id: number;
  name: string;
  geometry: AreaGeometry;
  bbox: BBox;
}

export interface RoutingRule {
  categoryId: number;
  districtId: number | null;
  departmentId: number;
}

export interface RoutingTable {
  /** null when no boundary was imported yet: then no point is outside. */
  boundary: { geometry: AreaGeometry; bbox: BBox } | null;
  /** In precedence order: on a shared border the first district that contains the point wins. */
  districts: RoutingDistrict[];
  rules: RoutingRule[];
  centralDepartmentId: number;
}

export interface RouteInput {
  category: { id: number; defaultDepartmentId: number | null };
  point: Point;
  bin?: { departmentId: number | null } | null;
}

export type RouteReason = 'bin' | 'district-rule' | 'category-rule' | 'category-default' | 'central';

export interface Route {
  departmentId: number;
  districtId: number | null;
  reason: RouteReason;
}

export function isInsideCity(point: Point, table: Pick<RoutingTable, 'boundary'>): boolean {
  return !table.boundary || geometryContains(point, table.boundary.geometry, table.boundary.bbox);
}

export function findDistrict(point: Point, districts: RoutingDistrict[]): RoutingDistrict | null {
  return districts.find((d) => geometryContains(point, d.geometry, d.bbox)) ?? null;
}

/**
 * Precedence: the bin's own department (bin reports); the rule for category + district; the rule
 * for the category in the whole city; the category's default department; central triage.
 * A point outside the city boundary is refused.
 */
export function routeReport(input: RouteInput, table: RoutingTable): Route {
  if (!Number.isFinite(input.point.lat) || !Number.isFinite(input.point.lon) || !isInsideCity(input.point, table)) {
    throw new UserError(422, 'error.outsideCity');
  }
  const district = findDistrict(input.point, table.districts);
  const districtId = district?.id ?? null;
  if (input.bin?.departmentId != null) return { departmentId: input.bin.departmentId, districtId, reason: 'bin' };

  const rules = table.rules.filter((r) => r.categoryId === input.category.id);
  const districtRule = districtId === null ? undefined : rules.find((r) => r.districtId === districtId);
  if (districtRule) return { departmentId: districtRule.departmentId, districtId, reason: 'district-rule' };
  const cityRule = rules.find((r) => r.districtId === null);
  if (cityRule) return { departmentId: cityRule.departmentId, districtId, reason: 'category-rule' };
  if (input.category.defaultDepartmentId != null) {
    return { departmentId: input.category.defaultDepartmentId, districtId, reason: 'category-default' };
  }
  return { departmentId: table.centralDepartmentId, districtId, reason: 'central' };
}
