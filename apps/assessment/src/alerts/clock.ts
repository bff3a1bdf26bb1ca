/** Where the alerts read the time: a provider, so the specs can fix it (alert ids carry the time raised). */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('ASSESSMENT_CLOCK');

export const wallClock: Clock = { now: () => new Date() };
