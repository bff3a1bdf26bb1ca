export * from './issuer';
export * from './keys';
export * from './login-flow';
export * from './dev-realm';
