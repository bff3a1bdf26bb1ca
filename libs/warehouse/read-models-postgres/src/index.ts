export * from './read-models';
export * from './schema';
