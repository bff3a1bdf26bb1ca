export * from './token-cases.contract';
