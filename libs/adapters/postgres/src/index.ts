export * from './pool';
export * from './sql';
export * from './migrate';
export * from './migration-command';
export * from './wait';
export * from './transient';
