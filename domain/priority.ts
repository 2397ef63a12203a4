// A report's priority as staff set it: stored as 0/1/2 so that "most urgent first" is a plain sort.
import type { MessageKey } from '../server/i18n/index.ts';

export const PRIORITIES = [0, 1, 2] as const;
export type Priority = (typeof PRIORITIES)[number];

const KEYS: Record<Priority, MessageKey> = {
  0: 'staff.report.priority.normal',
  1: 'staff.report.priority.high',
  2: 'staff.report.priority.urgent',
};

export function isPriority(value: number): value is Priority {
  return (PRIORITIES as readonly number[]).includes(value);
}

/** A form value ("0", "1", "2") as a priority, or null for anything else. */
export function parsePriority(raw: unknown): Priority | null {
  if (typeof raw !== 'string' || !/^[0-9]$/.test(raw)) return null;
  const value = Number(raw);
  return isPriority(value) ? value : null;
}

export function priorityKey(value: number): MessageKey {
  return isPriority(value) ? KEYS[value] : KEYS[0];
}
