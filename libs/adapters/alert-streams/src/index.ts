export * from './alert-streams';
export * from './http';
