import { AuditLog } from '@educube/identity-privacy';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { main, type CliOutput } from './audit-verify';

describe('identity:audit-verify on the PostgreSQL server', () => {
  let database: FreshDatabase;
  const lines: string[] = [];
  const io: CliOutput = { out: (l) => lines.push(l), err: (l) => lines.push(l) };

  beforeAll(async () => {
    database = await freshDatabase('educube_audit_verify_test');
    const log = await AuditLog.open(database.db);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((actor) => log.record([{ at: new Date(), actor, actorRoles: [], action: 'query', target: 'q', outcome: 'allowed' }])),
    );
  });
  afterAll(() => database?.drop());

  it('reads DATABASE_URL as the service does: 0 while intact, 2 once an entry is altered', async () => {
    expect(await main({ DATABASE_URL: database.url }, io)).toBe(0);
    expect(lines.pop()).toMatch(
      new RegExp(`^audit chain intact: 4 entries \\(0 unchained legacy\\), head seq 4 sha256 [0-9a-f]{64} in 127\\.0\\.0\\.1:\\d+/${database.name}$`),
    );
    await database.db.transaction(async (tx) => {
      await tx.query('alter table audit.entries disable trigger user');
      await tx.query("update audit.entries set target = 'other' where actor = 'c'");
      await tx.query('alter table audit.entries enable trigger user');
    });
    expect(await main({ DATABASE_URL: database.url }, io)).toBe(2);
    expect(lines.pop()).toMatch(/^audit chain BROKEN at seq \d: hash does not match/);
  });
});
