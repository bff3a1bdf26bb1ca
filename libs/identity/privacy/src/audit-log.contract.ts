import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@educube/postgres';
import { AuditLog, entryHash, GENESIS_HASH, MIN_RETENTION_DAYS, type AuditEntry } from './audit-log';

const DAY = 86_400_000;

/** A database of its own, as its owner (a superuser: the tampering tests disable triggers). */
export interface FreshAuditDatabase {
  readonly db: SqlDatabase;
  dispose(): Promise<void>;
}

export const anEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(),
  actor: `officer-${randomUUID()}`,
  actorRoles: ['district_officer'],
  action: 'person.read',
  target: `person-${randomUUID()}`,
  scope: '330203',
  outcome: 'allowed',
  ...overrides,
});

/** What someone with the owner's rights could do: switch the guards off, change a row, switch them on. */
async function behindTheTriggers(db: SqlDatabase, sql: string, params: unknown[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('alter table audit.entries disable trigger user');
    await tx.query(sql, params);
    await tx.query('alter table audit.entries enable trigger user');
  });
}

async function seqOf(db: SqlDatabase, actor: string): Promise<number> {
  const { rows } = await db.query<{ seq: string }>('select seq::text as seq from audit.entries where actor = $1', [actor]);
  return Number(rows[0]!.seq);
}

export function auditLogContract(name: string, fresh: () => Promise<FreshAuditDatabase>): void {
  describe(`audit log: ${name}`, () => {
    let opened: FreshAuditDatabase;
    let db: SqlDatabase;
    let log: AuditLog;
    beforeAll(async () => {
      opened = await fresh();
      db = opened.db;
      log = await AuditLog.open(db);
    });
    afterAll(async () => {
      await opened?.dispose();
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

    it('refuses to truncate the log', async () => {
      await expect(db.query('truncate audit.entries')).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/append-only/) });
      await expect(db.exec('truncate audit.entries cascade')).rejects.toThrow(/append-only/);
      expect((await log.verifyChain()).entries).toBeGreaterThan(0);
    });

    it('refuses an entry written around the log, without a hash', async () => {
      await expect(
        db.query("insert into audit.entries (at, actor, actor_roles, action, target, outcome) values (now(), 'forger', '{}', 'query', 'x', 'allowed')"),
      ).rejects.toThrow(/entries_chained/);
    });

    it('keeps a chain that verifies, across pages, whatever the order of keys in detail and the characters in roles', async () => {
      await log.record([
        anEntry({ actorRoles: ['a,b', 'c"d', '王'], detail: { z: 1, a: { y: [1, { q: null, b: '明' }], x: 'é' }, skipped: undefined } }),
        anEntry({ actorRoles: [], scope: undefined, detail: {} }),
        anEntry({ action: 'export', outcome: 'denied', detail: { when: new Date('2026-01-02T03:04:05.678Z'), n: 0.1 } }),
      ]);
      const verified = await log.verifyChain({ pageSize: 2 });
      const { rows } = await db.query<{ n: number; last: string; hash: string }>(
        'select count(*)::int as n, max(seq)::text as last, (select hash from audit.entries order by seq desc limit 1) as hash from audit.entries',
      );
      expect(verified).toEqual({ entries: rows[0]!.n, legacy: 0, firstBreak: null, head: { seq: Number(rows[0]!.last), hash: rows[0]!.hash } });
    });

    it('starts the chain at the genesis hash', async () => {
      const { rows } = await db.query<{ prev_hash: string }>('select prev_hash from audit.entries order by seq limit 1');
      expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    });

    it('chains 50 concurrent appends without a fork', async () => {
      const before = (await log.verifyChain()).entries;
      await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(i % 5 === 0 ? [anEntry(), anEntry()] : [anEntry()])));
      const verified = await log.verifyChain({ pageSize: 7 });
      expect(verified).toMatchObject({ entries: before + 60, legacy: 0, firstBreak: null });
      const { rows } = await db.query<{ rows: number; prevs: number }>(
        'select count(*)::int as rows, count(distinct prev_hash)::int as prevs from audit.entries',
      );
      expect(rows[0]!.prevs).toBe(rows[0]!.rows);
    });

    describe('tampering', () => {
      let own: FreshAuditDatabase;
      let tlog: AuditLog;
      let entries: AuditEntry[];
      beforeEach(async () => {
        own = await fresh();
        tlog = await AuditLog.open(own.db);
        entries = Array.from({ length: 6 }, (_, i) => anEntry({ at: new Date(Date.now() - (i === 3 ? 400 : 1) * DAY), detail: { i } }));
        await tlog.record(entries.slice(0, 3));
        await tlog.record(entries.slice(3));
      });
      afterEach(async () => {
        await own?.dispose();
      });

      it('reports an entry altered behind the triggers at its seq, and the chain holds again once it is put back', async () => {
        const seq = await seqOf(own.db, entries[1]!.actor);
        await behindTheTriggers(own.db, "update audit.entries set outcome = 'denied' where seq = $1", [seq]);
        expect(await tlog.verifyChain({ pageSize: 2 })).toMatchObject({
          entries: 6,
          firstBreak: { seq, reason: expect.stringMatching(/content was altered/) },
        });
        await behindTheTriggers(own.db, "update audit.entries set outcome = 'allowed' where seq = $1", [seq]);
        expect((await tlog.verifyChain()).firstBreak).toBeNull();
      });

      it('reports an entry altered and re-hashed at the entry after it', async () => {
        const e = entries[2]!;
        const seq = await seqOf(own.db, e.actor);
        const { rows } = await own.db.query<{ at: Date; prev_hash: string }>('select at, prev_hash from audit.entries where seq = $1', [seq]);
        const forged = entryHash({
          seq: String(seq),
          at: new Date(rows[0]!.at).toISOString(),
          actor: e.actor,
          roles: [...e.actorRoles],
          action: e.action,
          target: e.target,
          scope: e.scope ?? null,
          outcome: 'denied',
          detail: e.detail,
          prevHash: rows[0]!.prev_hash,
        });
        await behindTheTriggers(own.db, "update audit.entries set outcome = 'denied', hash = $2 where seq = $1", [seq, forged]);
        expect((await tlog.verifyChain()).firstBreak).toEqual({
          seq: await seqOf(own.db, entries[3]!.actor),
          reason: expect.stringMatching(/prev_hash does not match/),
        });
      });

      it(`reports a removed entry, even one old enough (${MIN_RETENTION_DAYS} days) for the trigger to let it go`, async () => {
        await own.db.query('delete from audit.entries where actor = $1', [entries[3]!.actor]);
        expect(await tlog.verifyChain({ pageSize: 4 })).toEqual({
          entries: 5,
          legacy: 0,
          firstBreak: { seq: await seqOf(own.db, entries[4]!.actor), reason: expect.stringMatching(/an entry was removed/) },
          head: { seq: await seqOf(own.db, entries[5]!.actor), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        });
      });

      it('reports a hash removed behind the triggers', async () => {
        const seq = await seqOf(own.db, entries[5]!.actor);
        await own.db.transaction(async (tx) => {
          await tx.query('alter table audit.entries disable trigger user');
          await tx.query('alter table audit.entries drop constraint entries_chained');
          await tx.query('update audit.entries set hash = null, prev_hash = null where seq = $1', [seq]);
          await tx.query('alter table audit.entries enable trigger user');
        });
        expect((await tlog.verifyChain()).firstBreak).toEqual({ seq, reason: expect.stringMatching(/no hash although the chain had begun/) });
      });
    });

    it('reports the entries written before the chain as unchained legacy entries, not as a break', async () => {
      const own = await fresh();
      try {
        // the table as it was before the chain
        await own.db.exec(`create schema audit;
          create table audit.entries (seq bigserial primary key, at timestamptz not null, actor text not null, actor_roles text[] not null,
            action text not null, target text not null, scope text, outcome text not null check (outcome in ('allowed', 'denied')), detail jsonb not null default '{}');
          insert into audit.entries (at, actor, actor_roles, action, target, outcome) select now(), 'legacy-' || i, '{}', 'query', 'x', 'allowed' from generate_series(1, 3) i;`);
        const migrated = await AuditLog.open(own.db);
        await migrated.record([anEntry(), anEntry()]);
        await migrated.record([anEntry()]);
        expect(await migrated.verifyChain({ pageSize: 2 })).toMatchObject({ entries: 6, legacy: 3, firstBreak: null, head: { seq: 6 } });
        expect(await migrated.byActor('legacy-2', new Date(0))).toHaveLength(1);
        await expect(own.db.query("update audit.entries set outcome = 'denied' where actor = 'legacy-1'")).rejects.toThrow(/append-only/);
        await expect(own.db.query('truncate audit.entries')).rejects.toThrow(/append-only/);
      } finally {
        await own.dispose();
      }
    });

    it('purges only the oldest part of the chain past the retention period, and the rest still verifies', async () => {
      const own = await fresh();
      try {
        const plog = await AuditLog.open(own.db);
        const actor = `officer-${randomUUID()}`;
        const old = (days: number) => anEntry({ actor, at: new Date(Date.now() - days * DAY) });
        await plog.record([old(400), old(390)]);
        await plog.record([old(10)]);
        // an old entry written after a younger one: it waits for the younger one
        await plog.record([old(380)]);
        expect(await plog.purgeBefore(new Date(Date.now() - 365 * DAY), new Date())).toBe(2);
        expect((await plog.byActor(actor, new Date(0))).map((e) => Math.round((Date.now() - e.at.getTime()) / DAY))).toEqual([10, 380]);
        expect(await plog.verifyChain()).toMatchObject({ entries: 2, legacy: 0, firstBreak: null });
        expect(await plog.purgeBefore(new Date(Date.now() - 365 * DAY), new Date())).toBe(0);
      } finally {
        await own.dispose();
      }
    });
  });
}
