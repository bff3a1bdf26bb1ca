export * from './alert-streams';
export * from './http';
export * from './config';
