export * from './audit-log';
export * from './pii-vault';
