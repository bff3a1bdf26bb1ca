export * from './alert-streams';
export * from './http';
export * from './answers';
export * from './config';
