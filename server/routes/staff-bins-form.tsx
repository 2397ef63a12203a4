// The bin edit form at the edge: values as typed, checked field by field, so that a bad value comes
// back at its field with everything else kept. The checks follow the import's rules (docs/bins.md).
import type { BinEdit } from '../../db/staff-bins.ts';
import type { Bin } from '../../db/schema.ts';
import { parseCoordinate, parseEmptyingTime } from '../../domain/bin-values.ts';
import { isInsideCity, type RoutingTable } from '../../domain/routing.ts';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import { localDateTimeValue } from '../views/staff/bins-common.tsx';

export const BIN_FIELDS = ['bin_type', 'volume_l', 'description', 'lat', 'lon', 'department_id', 'next_emptying_at'] as const;
export type BinField = (typeof BIN_FIELDS)[number];
export type BinFormValues = Record<BinField, string>;
export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}
export type BinFormErrors = Partial<Record<BinField, FieldError>>;

const MAX_TEXT = 200;
const MAX_VOLUME = 10_000;

/** The form filled with the bin as it is. */
export function formValuesOf(bin: Bin): BinFormValues {
  return {
    bin_type: bin.bin_type,
    volume_l: bin.volume_l === null ? '' : String(bin.volume_l),
    description: bin.description,
    lat: String(bin.lat),
    lon: String(bin.lon),
    department_id: bin.department_id === null ? '' : String(bin.department_id),
    next_emptying_at: localDateTimeValue(bin.next_emptying_at),
  };
}

export function typedValues(body: Record<string, unknown>): BinFormValues {
  const values = {} as BinFormValues;
  for (const field of BIN_FIELDS) values[field] = typeof body[field] === 'string' ? (body[field] as string).trim() : '';
  return values;
}

export function readBinForm(values: BinFormValues, city: { table: RoutingTable; departmentIds: ReadonlySet<number> }): { ok: true; edit: BinEdit } | { ok: false; errors: BinFormErrors } {
  const errors: BinFormErrors = {};
  if (!values.bin_type) errors.bin_type = { key: 'staff.bins.error.typeMissing' };
  else if (values.bin_type.length > MAX_TEXT) errors.bin_type = { key: 'staff.bins.error.tooLong', params: { max: MAX_TEXT } };
  if (values.description.length > MAX_TEXT) errors.description = { key: 'staff.bins.error.tooLong', params: { max: MAX_TEXT } };

  let volume: number | null = null;
  if (values.volume_l) {
    volume = /^\d{1,6}$/.test(values.volume_l) ? Number(values.volume_l) : NaN;
    if (!(volume >= 1 && volume <= MAX_VOLUME)) errors.volume_l = { key: 'staff.bins.error.volume' };
  }
  // A decimal comma is what German keyboards type; the import accepts it too.
  const lat = parseCoordinate(values.lat, true);
  const lon = parseCoordinate(values.lon, true);
  if (lat === null || Math.abs(lat) > 90) errors.lat = { key: 'staff.bins.error.coordinate' };
  if (lon === null || Math.abs(lon) > 180) errors.lon = { key: 'staff.bins.error.coordinate' };
  if (!errors.lat && !errors.lon && !isInsideCity({ lat: lat!, lon: lon! }, city.table)) errors.lat = { key: 'staff.bins.error.outsideCity' };

  let departmentId: number | null = null;
  if (values.department_id) {
    departmentId = /^\d{1,9}$/.test(values.department_id) ? Number(values.department_id) : NaN;
    if (!city.departmentIds.has(departmentId)) errors.department_id = { key: 'staff.bins.error.department' };
  }
  let nextEmptying: string | null = null;
  if (values.next_emptying_at) {
    nextEmptying = parseEmptyingTime(values.next_emptying_at);
    if (nextEmptying === null) errors.next_emptying_at = { key: 'staff.bins.error.nextEmptying' };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    edit: { bin_type: values.bin_type, volume_l: volume, description: values.description, lat: lat!, lon: lon!, department_id: departmentId, next_emptying_at: nextEmptying },
  };
}
