export * from './port';
export * from './postgres/postgres-event-store';
export * from './postgres/sql';
