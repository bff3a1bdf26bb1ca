import type { Severity } from './config';
import type { Measures, Message, Rule } from './events';

/**
 * A condition a rule found true now, with what it measured. `subject` names what is watched
 * within a school (`3302030001:timetabling`); `episode` names this occurrence, so a condition
 * that clears and comes back later is a new alert with a new id.
 */
export interface Condition {
  readonly rule: Rule;
  readonly subject: string;
  readonly episode: string;
  readonly severity: Severity;
  readonly school: string;
  readonly district: string;
  readonly source?: string;
  readonly standard?: string;
  readonly itemId?: string;
  readonly message: Message;
  readonly observed: Measures;
  readonly thresholds: Measures;
}

/**
 * What one rule found in one batch of observations: the conditions that hold (at the raise
 * threshold), and the subjects it checked and found clear (below the clear threshold, which is
 * lower where the rule has hysteresis). A subject in neither list — not observed this time, or
 * between the two thresholds — keeps whatever alert it has: `decide` neither raises nor resolves.
 */
export interface Evaluation {
  readonly rule: Rule;
  readonly conditions: readonly Condition[];
  readonly cleared: readonly string[];
}

/** `3302030001:timetabling`: subject parts joined by the separator the id parts may not contain. */
export const subjectOf = (...parts: readonly (string | number)[]): string => parts.join(':');

/** Comparisons at a threshold tolerate floating-point noise (0.1 × 3 is 0.30000000000000004). */
const EPSILON = 1e-9;
export const atLeast = (value: number, threshold: number): boolean => value >= threshold - EPSILON * Math.max(1, Math.abs(threshold));
