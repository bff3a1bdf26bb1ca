export * from './port';
export * from './catch-up';
export * from './postgres/postgres-event-store';
export * from './postgres/postgres-checkpoint-store';
export * from './postgres/notifications';
export * from './command-handler';
export * from './postgres/migrations';
