import { PGlite } from '@electric-sql/pglite';
import { fromPGlite } from '@educube/postgres';
import { auditLogContract } from './audit-log.contract';
import { canonicalJson, insertOnlyGrantsSql } from './audit-log';

auditLogContract('PGlite', async () => {
  const db = fromPGlite(new PGlite());
  return { db, dispose: () => db.close() };
});

describe('audit log hashing and grants', () => {
  it('serialises detail with sorted keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }], a: 'x' })).toBe('{"a":"x","b":[{"c":null,"d":1}]}');
  });

  it('quotes the role it restricts, so a name cannot smuggle SQL in', () => {
    expect(insertOnlyGrantsSql('svc"; drop table x; --')).toContain('"svc""; drop table x; --"');
    expect(() => insertOnlyGrantsSql('')).toThrow(/1–63/);
  });
});
