export * from './audit-log';
export * from './pii-vault';
export * from './personal-data-store';
export * from './migrations';
