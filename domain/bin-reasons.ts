// The buttons of the scan page, in the order they are shown. Which category each one files into is
// data (categories.bin_reason); the list of buttons is the page's design.
import type { MessageKey } from '../server/i18n/index.ts';

export const BIN_REASONS = ['full', 'damaged', 'dirty', 'dogbags', 'other'] as const;
export type BinReason = (typeof BIN_REASONS)[number];

export function isBinReason(value: unknown): value is BinReason {
  return typeof value === 'string' && (BIN_REASONS as readonly string[]).includes(value);
}

export const reasonLabel: Record<BinReason, MessageKey> = {
  full: 'scan.reason.full',
  damaged: 'scan.reason.damaged',
  dirty: 'scan.reason.dirty',
  dogbags: 'scan.reason.dogbags',
  other: 'scan.reason.other',
};

/** Longest free text for "other": enough for "Deckel fehlt, Wespennest", short enough to read on a phone. */
export const OTHER_TEXT_MAX = 200;
