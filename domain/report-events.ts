// The kinds of rows in a report's history and how the back office names them. The history view asks
// this module, so a new event type needs one line here and its two translations, nothing else.
import type { MessageKey } from '../server/i18n/index.ts';

export const EVENT_TYPES = {
  created: 'staff.report.event.created',
  supported: 'staff.report.event.supported',
  scanned: 'staff.report.event.scanned',
  reopen_requested: 'staff.report.event.reopen_requested',
  state_changed: 'staff.report.event.state_changed',
  reopened: 'staff.report.event.reopened',
  photo_published: 'staff.report.event.photo_published',
  priority_changed: 'staff.report.event.priority_changed',
  assigned: 'staff.report.event.assigned',
  forwarded: 'staff.report.event.forwarded',
  merged_into: 'staff.report.event.merged_into',
  duplicate_merged: 'staff.report.event.duplicate_merged',
  note: 'staff.report.event.note',
  answer: 'staff.report.event.answer',
  category_changed: 'staff.report.event.category_changed',
  location_changed: 'staff.report.event.location_changed',
  text_published: 'staff.report.event.text_published',
  text_hidden: 'staff.report.event.text_hidden',
  address_published: 'staff.report.event.address_published',
  address_hidden: 'staff.report.event.address_hidden',
  photo_hidden: 'staff.report.event.photo_hidden',
  photo_redacted: 'staff.report.event.photo_redacted',
  photo_unredacted: 'staff.report.event.photo_unredacted',
  report_hidden: 'staff.report.event.report_hidden',
  report_shown: 'staff.report.event.report_shown',
} as const satisfies Record<string, MessageKey>;

export type EventType = keyof typeof EVENT_TYPES;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

/** The label key of an event type; an unknown type (a newer version wrote it) gets a generic label. */
export function eventLabelKey(type: string): MessageKey {
  return isEventType(type) ? EVENT_TYPES[type] : 'staff.report.event.other';
}

/** Events that citizens cause: their actor is the public, not "the system". */
const CITIZEN_EVENTS: readonly string[] = ['created', 'supported', 'scanned', 'reopen_requested'];

/** The actor of a staff action, as written into report_events.actor. */
export function staffActor(staffId: number): string {
  return `staff:${staffId}`;
}

/** The staff id inside an actor value, or null for anything else. */
export function staffIdOfActor(actor: string | null): number | null {
  const match = actor ? /^staff:([0-9]{1,12})$/.exec(actor) : null;
  return match ? Number(match[1]) : null;
}

export type ActorLabel = { name: string } | { key: MessageKey };

/** Who did it, for the history: a colleague's display name, "the public", "the system" or the raw actor. */
export function describeActor(type: string, actor: string | null, names: ReadonlyMap<number, string>): ActorLabel {
  const staffId = staffIdOfActor(actor);
  if (staffId !== null) return names.has(staffId) ? { name: names.get(staffId)! } : { key: 'staff.report.actor.unknownStaff' };
  if (actor) return { name: actor };
  return { key: CITIZEN_EVENTS.includes(type) ? 'staff.report.actor.public' : 'staff.report.actor.system' };
}

/** The structured part of an event (report_events.detail), read defensively: a bad value is ignored. */
export function parseDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
