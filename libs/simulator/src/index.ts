export {
  simulateProvince,
  batches,
  gradesOf,
  staffPersonId,
  studentPersonId,
  staffRef,
  studentRef,
  unlinkedRef,
  REGISTRY_HEADER,
  SUBJECTS,
  SYSTEMS,
} from './province';
export type { Province, ProvinceOptions, SimSchool, SimClass, SimStaff, PeopleCommand, PlacementSpec, Post, RegisterRegionCommand } from './province';
export { eventStream, expectedEventCount, dailyRhythm, DEFAULT_EVENTS_PER_SCHOOL_PER_DAY, DEFAULT_WEEKEND_FACTOR } from './stream';
export type { StreamOptions } from './stream';
export { ALL_REGIONS, CITIES, DISTRICTS, PROVINCE } from './regions';
export type { SimRegion, SimDistrict } from './regions';
export { Rng, IdSequence, hash32 } from './prng';
export { MATURITY_SPREAD, CAPABILITIES, coverage, spreadMaturity } from './maturity';
export type { Capability } from './maturity';
export type { Quirks, SilentSource, BadSender, Defect } from './quirks';
