import { UPCASTERS } from '../upcast';
import { EventRegistry } from '../validate';
import { assetEvents } from './asset';
import { attendanceEvents } from './attendance';
import { gradingEvents } from './grading';
import { resourceEvents } from './resource';
import { rosterEvents } from './roster';
import { spaceEvents } from './space';
import { timetablingEvents } from './timetabling';

export * from './asset';
export * from './attendance';
export * from './grading';
export * from './resource';
export * from './roster';
export * from './space';
export * from './timetabling';

export const ALL_EVENTS = [
  ...rosterEvents,
  ...timetablingEvents,
  ...gradingEvents,
  ...assetEvents,
  ...attendanceEvents,
  ...spaceEvents,
  ...resourceEvents,
] as const;

/** Every published event type, for validation on both ingestion channels, with the upcasters readers apply. */
export const eventRegistry = new EventRegistry(ALL_EVENTS, UPCASTERS);
