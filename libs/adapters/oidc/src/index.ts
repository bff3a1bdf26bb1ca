export * from './verifier';
export * from './claims';
export * from './authenticator';
export * from './service-tokens';
