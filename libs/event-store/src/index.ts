export * from './port';
export * from './postgres/postgres-event-store';
