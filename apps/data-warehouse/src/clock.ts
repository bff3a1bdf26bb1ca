/**
 * The warehouse's "now": ingestion stamps receipts with it and the alert rules judge by it, so
 * a test sets one time for both (a silence is measured between the two).
 */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
