import { randomBytes } from 'node:crypto';
import { createPool, fromPool } from '@educube/postgres';
import { ADMIN_DATABASE_URL, freshDatabase } from '@educube/postgres/testing';
import { anEntry, auditLogContract } from './audit-log.contract';
import { AuditLog } from './audit-log';

/** A database of its own per call, with room for the concurrent appends to really overlap. */
async function fresh() {
  const database = await freshDatabase('educube_audit_test');
  const db = fromPool(createPool({ url: database.url, applicationName: 'audit-int', max: 10 }));
  return {
    db,
    url: database.url,
    async dispose() {
      await db.close();
      await database.drop();
    },
  };
}

auditLogContract('PostgreSQL server', fresh);

describe('audit log: an insert-only role on the PostgreSQL server', () => {
  const role = `audit_writer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let owner: Awaited<ReturnType<typeof fresh>>;
  let writer: ReturnType<typeof fromPool>;

  beforeAll(async () => {
    owner = await fresh();
    await owner.db.exec(`create role ${role} login password '${password}'`);
    await (await AuditLog.open(owner.db)).restrictToInsertOnly(role);
    const url = new URL(owner.url);
    url.username = role;
    url.password = password;
    writer = fromPool(createPool({ url: url.toString(), applicationName: 'audit-int-writer', max: 4 }));
  });
  afterAll(async () => {
    await writer?.close();
    await owner?.dispose();
    const admin = fromPool(createPool({ url: ADMIN_DATABASE_URL, applicationName: 'audit-int-admin', max: 1 }));
    await admin.exec(`drop role if exists ${role}`).finally(() => admin.close());
  });

  it('may append and verify through the log, concurrently', async () => {
    const log = await AuditLog.open(writer, { install: false });
    await Promise.all(Array.from({ length: 10 }, () => log.record([anEntry()])));
    expect(await log.verifyChain()).toMatchObject({ entries: 10, legacy: 0, firstBreak: null });
  });

  it.each([
    ['update', "update audit.entries set outcome = 'denied'"],
    ['delete', 'delete from audit.entries'],
    ['truncate', 'truncate audit.entries'],
  ])('may not %s, whatever the triggers', async (_op, sql) => {
    await expect(writer.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
  });

  it('may not install or change the schema, hence install: false', async () => {
    await expect(AuditLog.open(writer)).rejects.toThrow(/must be owner|permission denied/);
  });

  it('refuses to restrict a role that owns the table or is a superuser, and leaves its grants alone', async () => {
    const log = await AuditLog.open(owner.db, { install: false });
    const { rows } = await owner.db.query<{ me: string }>('select current_user as me');
    await expect(log.restrictToInsertOnly(rows[0]!.me)).rejects.toThrow(/superuser or owns/);
    await expect(owner.db.query('select count(*) from audit.entries')).resolves.toBeDefined();
  });
});
