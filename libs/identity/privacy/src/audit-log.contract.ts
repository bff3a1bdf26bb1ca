import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@educube/postgres';
import { AuditLog, MIN_RETENTION_DAYS, type AuditEntry } from './audit-log';

const DAY = 86_400_000;

export function auditLogContract(name: string, openDb: () => Promise<SqlDatabase>): void {
  describe(`audit log: ${name}`, () => {
    let db: SqlDatabase;
    let log: AuditLog;
    beforeAll(async () => {
      db = await openDb();
      log = await AuditLog.open(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    const anEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
      at: new Date(),
      actor: `officer-${randomUUID()}`,
      actorRoles: ['district_officer'],
      action: 'person.read',
      target: `person-${randomUUID()}`,
      scope: '330203',
      outcome: 'allowed',
      ...overrides,
    });

    it('records entries and finds them by actor and by target', async () => {
      const entry = anEntry({ detail: { fields: ['fullName'] } });
      await log.record([entry, anEntry({ actor: entry.actor, outcome: 'denied', target: 'school-3302050001' })]);
      expect(await log.byActor(entry.actor, new Date(Date.now() - DAY))).toEqual([
        expect.objectContaining({ target: entry.target, outcome: 'allowed', actorRoles: ['district_officer'], detail: { fields: ['fullName'] } }),
        expect.objectContaining({ target: 'school-3302050001', outcome: 'denied' }),
      ]);
      expect(await log.byTarget(entry.target, new Date(Date.now() - DAY))).toHaveLength(1);
    });

    it('refuses to change an entry', async () => {
      const entry = anEntry();
      await log.record([entry]);
      await expect(db.query("update audit.entries set outcome = 'denied' where actor = $1", [entry.actor])).rejects.toThrow(/append-only/);
    });

    it(`refuses to delete an entry younger than ${MIN_RETENTION_DAYS} days, even by hand`, async () => {
      const entry = anEntry({ at: new Date(Date.now() - 100 * DAY) });
      await log.record([entry]);
      await expect(db.query('delete from audit.entries where actor = $1', [entry.actor])).rejects.toThrow(/must be kept/);
      await expect(log.purgeBefore(new Date(Date.now() - 30 * DAY), new Date())).rejects.toThrow(/kept 183 days/);
      expect(await log.byActor(entry.actor, new Date(0))).toHaveLength(1);
    });

    it('purges only what is past the retention period', async () => {
      const old = anEntry({ at: new Date(Date.now() - 400 * DAY) });
      const recent = anEntry({ actor: old.actor, at: new Date(Date.now() - 10 * DAY) });
      await log.record([old, recent]);
      expect(await log.purgeBefore(new Date(Date.now() - 365 * DAY), new Date())).toBeGreaterThanOrEqual(1);
      expect((await log.byActor(old.actor, new Date(0))).map((e) => e.at.getTime())).toEqual([recent.at.getTime()]);
    });
  });
}
