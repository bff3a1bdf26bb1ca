export * from './read-models';
export * from './schema';
export * from './activity';
export * from './migrations';
