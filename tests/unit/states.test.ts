import { describe, expect, it } from 'vitest';
import { UserError } from '../../domain/errors.ts';
import { assertTransition, canTransition, CLOSED_STATES, isReopen, open311Status, OPEN_STATES, STATES, TRANSITIONS, type ReportState } from '../../domain/states.ts';

// The expected table, written out independently of the module: [from, allowed targets].
const expected: Record<ReportState, ReportState[]> = {
  new: ['acknowledged', 'in_progress', 'done', 'rejected', 'not_responsible', 'duplicate', 'no_action'],
  acknowledged: ['in_progress', 'done', 'rejected', 'not_responsible', 'duplicate', 'no_action'],
  in_progress: ['done', 'rejected', 'not_responsible', 'duplicate', 'no_action'],
  done: ['acknowledged'],
  rejected: ['acknowledged'],
  not_responsible: ['acknowledged'],
  duplicate: ['acknowledged'],
  no_action: ['acknowledged'],
};

const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to, expected[from].includes(to)] as const));

describe('state transitions', () => {
  it.each(pairs)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ status: 409, key: 'error.transition', params: { from: { key: `state.${from}` }, to: { key: `state.${to}` } } }));
  });

  it('has no transition to the same state and none back to "new"', () => {
    for (const s of STATES) {
      expect(TRANSITIONS[s]).not.toContain(s);
      expect(TRANSITIONS[s]).not.toContain('new');
    }
  });

  it('refuses unknown states with a clear error', () => {
    expect(() => assertTransition('new', 'vanished')).toThrow(expect.objectContaining({ status: 422, key: 'error.unknownState' }));
    expect(() => assertTransition('vanished', 'done')).toThrow(UserError);
  });

  it('maps every state to Open311 open or closed', () => {
    for (const s of OPEN_STATES) expect(open311Status(s)).toBe('open');
    for (const s of CLOSED_STATES) expect(open311Status(s)).toBe('closed');
    expect(OPEN_STATES.length + CLOSED_STATES.length).toBe(STATES.length);
  });

  it('knows a reopen when it sees one', () => {
    expect(isReopen('done', 'acknowledged')).toBe(true);
    expect(isReopen('duplicate', 'acknowledged')).toBe(true);
    expect(isReopen('new', 'acknowledged')).toBe(false);
  });
});
