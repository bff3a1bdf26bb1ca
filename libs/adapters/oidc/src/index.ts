export * from './verifier';
export * from './claims';
