// Loads everything the pure routing function needs in one go.
import { bboxOf } from '../domain/geo.ts';
import type { RoutingTable } from '../domain/routing.ts';
import type { Db } from './connection.ts';
import { findCentralDepartment } from './departments.ts';
import { listActiveDistricts, loadCityBoundary } from './districts.ts';

export async function loadRoutingTable(db: Db): Promise<RoutingTable> {
  const [boundary, districts, rules, central] = await Promise.all([
    loadCityBoundary(db),
    listActiveDistricts(db),
    db.selectFrom('routing_rules').select(['category_id', 'district_id', 'department_id']).execute(),
    findCentralDepartment(db),
  ]);
  return {
    boundary: boundary ? { geometry: boundary.geometry, bbox: bboxOf(boundary.geometry) } : null,
    districts: districts.map((d) => ({ id: d.id, name: d.name, geometry: d.geometry, bbox: bboxOf(d.geometry) })),
    rules: rules.map((r) => ({ categoryId: r.category_id, districtId: r.district_id, departmentId: r.department_id })),
    centralDepartmentId: central.id,
  };
}
