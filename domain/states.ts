// The one list of report states and the transitions between them. Every query and every screen
// asks this module; no other file spells out which state may follow which.
import type { MessageKey } from '../server/i18n/index.ts';
import { UserError } from './errors.ts';

export const OPEN_STATES = ['new', 'acknowledged', 'in_progress'] as const;
export const CLOSED_STATES = ['done', 'rejected', 'not_responsible', 'duplicate', 'no_action'] as const;
export const STATES = [...OPEN_STATES, ...CLOSED_STATES] as const;

export type OpenState = (typeof OPEN_STATES)[number];
export type ClosedState = (typeof CLOSED_STATES)[number];
export type ReportState = (typeof STATES)[number];

const closeAny: ClosedState[] = [...CLOSED_STATES];

/**
 * Work moves forward and may skip steps (a crew empties a bin straight from "new"); it never moves
 * back except by reopening a closed report, which lands in "acknowledged" because the department
 * already knows the report and has to act on it again.
 */
export const TRANSITIONS: Record<ReportState, readonly ReportState[]> = {
  new: ['acknowledged', 'in_progress', ...closeAny],
  acknowledged: ['in_progress', ...closeAny],
  in_progress: closeAny,
  done: ['acknowledged'],
  rejected: ['acknowledged'],
  not_responsible: ['acknowledged'],
  duplicate: ['acknowledged'],
  no_action: ['acknowledged'],
};

export function isReportState(value: string): value is ReportState {
  return (STATES as readonly string[]).includes(value);
}

export function isOpen(state: ReportState): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/** Open311 GeoReport v2 knows only these two. */
export function open311Status(state: ReportState): 'open' | 'closed' {
  return isOpen(state) ? 'open' : 'closed';
}

export function canTransition(from: ReportState, to: ReportState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isReopen(from: ReportState, to: ReportState): boolean {
  return !isOpen(from) && isOpen(to);
}

export function stateLabel(state: string): { key: MessageKey } | string {
  return isReportState(state) ? { key: `state.${state}` } : state;
}

/** Throws a 409 that names both states when the move is not in the table. */
export function assertTransition(from: string, to: string): asserts to is ReportState {
  if (!isReportState(to)) throw new UserError(422, 'error.unknownState', { state: to });
  if (!isReportState(from) || !canTransition(from, to)) {
    throw new UserError(409, 'error.transition', { from: stateLabel(from), to: stateLabel(to) });
  }
}
