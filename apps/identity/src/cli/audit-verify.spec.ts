import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AuditLog } from '@educube/identity-privacy';
import { fromPGlite, type SqlDatabase } from '@educube/postgres';
import { main, type CliOutput } from './audit-verify';

function capture(): CliOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('identity:audit-verify', () => {
  let dir: string;

  /** PGlite holds a directory in one process at a time: each step opens and closes it, as the service and the CLI would. */
  async function withDb(work: (db: SqlDatabase) => Promise<void>): Promise<void> {
    const db = fromPGlite(new PGlite(dir));
    try {
      await work(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'identity-audit-verify-'));
    await withDb(async (db) => {
      const log = await AuditLog.open(db);
      for (const actor of ['a', 'b', 'c']) {
        await log.record([
          { at: new Date(), actor, actorRoles: ['district_officer'], action: 'person.read', target: `person-${actor}`, outcome: 'allowed', detail: { n: 1 } },
        ]);
      }
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says the chain is intact, with the head to keep elsewhere, and exits 0', async () => {
    const io = capture();
    expect(await main({ IDENTITY_DATA_DIR: dir }, io)).toBe(0);
    expect(io.lines).toEqual([expect.stringMatching(/^audit chain intact: 3 entries \(0 unchained legacy\), head seq 3 sha256 [0-9a-f]{64} in /)]);
  });

  it('names the first break and exits 2 once an entry was altered behind the triggers', async () => {
    await withDb(async (db) => {
      await db.exec(
        "alter table audit.entries disable trigger user; update audit.entries set outcome = 'denied' where actor = 'b'; alter table audit.entries enable trigger user;",
      );
    });
    const io = capture();
    expect(await main({ IDENTITY_DATA_DIR: dir, DATABASE_URL: '' }, io)).toBe(2);
    expect(io.lines).toEqual([expect.stringMatching(/^audit chain BROKEN at seq 2: hash does not match the entry: its content was altered; 3 entries/)]);
  });

  it('exits 1, touching nothing, when there is no database or no audit log where it looks', async () => {
    const io = capture();
    expect(await main({ IDENTITY_DATA_DIR: join(dir, 'missing') }, io)).toBe(1);
    expect(await main({ IDENTITY_DATA_DIR: 'memory://' }, io)).toBe(1);
    expect(await main({ DATABASE_URL: 'mysql://x' }, io)).toBe(1);
    expect(io.errors).toEqual([
      expect.stringMatching(/^no identity database at .*missing/),
      'no audit log in memory://',
      'DATABASE_URL must be a postgres:// URL',
    ]);
    expect(io.lines).toEqual([]);
  });
});
