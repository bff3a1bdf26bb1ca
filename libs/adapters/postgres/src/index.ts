export * from './pool';
export * from './sql';
