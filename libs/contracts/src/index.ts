export * from './common';
export * from './envelope';
export * from './events';
export * from './kafka';
export * from './upcast';
export * from './validate';
export * from './service';
