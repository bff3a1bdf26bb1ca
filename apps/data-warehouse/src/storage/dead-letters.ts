import { sha256Hex } from '@educube/canonical-json';
import type { CloudEvent, PersonRef, Problem } from '@educube/contracts';
import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import { DEAD_LETTERS_SCHEMA } from './dead-letters.migrations';
import { storableText, storableValue, type Channel } from '@educube/warehouse-ingestion';

/** A rejected or conflicting event, kept with the bytes it arrived as. */
export interface DeadLetter {
  readonly id: string;
  readonly eventId: string | null;
  readonly schoolCode: string | null;
  readonly source: string | null;
  readonly type: string | null;
  readonly channel: Channel;
  readonly status: 'rejected' | 'conflict';
  readonly reasons: readonly Problem[];
  readonly receivedAt: Date;
  readonly original: Buffer;
  /** set once resubmitted; the letter stays, marked, so history is never lost */
  readonly resubmittedAt: Date | null;
  readonly resubmitOutcome: string | null;
}

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'resubmittedAt' | 'resubmitOutcome'>;

/** A valid event waiting for identity to learn a person link. */
export interface ParkedEvent {
  readonly eventId: string;
  readonly schoolCode: string;
  readonly source: string;
  readonly type: string;
  readonly channel: Channel;
  readonly event: CloudEvent;
  readonly unresolved: readonly PersonRef[];
  readonly parkedAt: Date;
  readonly attempts: number;
}

const storableOrNull = (s: string | null): string | null => (s === null ? null : storableText(s));

const storableLetter = (l: NewDeadLetter): NewDeadLetter => ({
  ...l,
  eventId: storableOrNull(l.eventId),
  schoolCode: storableOrNull(l.schoolCode),
  source: storableOrNull(l.source),
  type: storableOrNull(l.type),
  reasons: storableValue(l.reasons) as Problem[],
});

/** Same channel, same refusal, same bytes (and same event id): the same dead letter. */
const fingerprint = (l: NewDeadLetter): string => sha256Hex(`${l.channel}\n${l.status}\n${l.eventId ?? ''}\n`, l.original);

interface DeadLetterRow {
  id: string;
  event_id: string | null;
  school_code: string | null;
  source: string | null;
  type: string | null;
  channel: Channel;
  status: 'rejected' | 'conflict';
  reasons: Problem[];
  received_at: Date | string;
  original: Uint8Array;
  resubmitted_at: Date | string | null;
  resubmit_outcome: string | null;
}

const toDeadLetter = (r: DeadLetterRow): DeadLetter => ({
  id: String(r.id),
  eventId: r.event_id,
  schoolCode: r.school_code,
  source: r.source,
  type: r.type,
  channel: r.channel,
  status: r.status,
  reasons: r.reasons,
  receivedAt: new Date(r.received_at),
  original: Buffer.from(r.original),
  resubmittedAt: r.resubmitted_at === null ? null : new Date(r.resubmitted_at),
  resubmitOutcome: r.resubmit_outcome,
});

export interface DeadLetterFilter {
  readonly schoolCode?: string;
  /** only these schools (the caller's visible ones) */
  readonly schoolCodes?: readonly string[];
  readonly source?: string;
  readonly limit?: number;
  /** only those not yet resubmitted */
  readonly open?: boolean;
}

/** Dead letters and the parking lot, in the warehouse's own schema of the same database. */
export class IngestionRecords {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<IngestionRecords> {
    await migrate(db, DEAD_LETTERS_SCHEMA);
    return new IngestionRecords(db);
  }

  /**
   * Inserts letters in one statement (a batch may carry hundreds of rejects). What a letter
   * echoes of the sender (ids, school, source, type, reasons) is made storable first: a letter
   * about a string holding U+0000 must not fail on that string itself (the original bytes, a
   * bytea, stay exactly as sent).
   */
  async addDeadLetters(raw: readonly NewDeadLetter[], client: SqlClient = this.db): Promise<void> {
    if (raw.length === 0) return;
    const letters = raw.map(storableLetter);
    await client.query(
      `insert into warehouse.dead_letters (event_id, school_code, source, type, channel, status, reasons, received_at, original, fingerprint)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[], $9::bytea[], $10::text[])
       on conflict (fingerprint) do nothing`,
      [
        letters.map((l) => l.eventId),
        letters.map((l) => l.schoolCode),
        letters.map((l) => l.source),
        letters.map((l) => l.type),
        letters.map((l) => l.channel),
        letters.map((l) => l.status),
        letters.map((l) => JSON.stringify(l.reasons)),
        letters.map((l) => l.receivedAt.toISOString()),
        letters.map((l) => l.original),
        letters.map((l) => fingerprint(l)),
      ],
    );
  }

  async deadLetters(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.schoolCode) where.push(`school_code = $${params.push(filter.schoolCode)}`);
    if (filter.schoolCodes) where.push(`school_code = any($${params.push([...filter.schoolCodes])}::text[])`);
    if (filter.source) where.push(`source = $${params.push(filter.source)}`);
    if (filter.open) where.push('resubmitted_at is null');
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1_000);
    const { rows } = await this.db.query<DeadLetterRow>(
      `select * from warehouse.dead_letters ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ${limit}`,
      params,
    );
    return rows.map(toDeadLetter);
  }

  async deadLetter(id: string): Promise<DeadLetter | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const { rows } = await this.db.query<DeadLetterRow>('select * from warehouse.dead_letters where id = $1', [id]);
    return rows[0] && toDeadLetter(rows[0]);
  }

  async markResubmitted(id: string, outcome: string, at: Date): Promise<void> {
    await this.db.query('update warehouse.dead_letters set resubmitted_at = $2, resubmit_outcome = $3 where id = $1', [id, at.toISOString(), outcome]);
  }

  /** Parks events; one already parked under the same id keeps its first copy. */
  async park(events: readonly Omit<ParkedEvent, 'attempts'>[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.query(
      `insert into warehouse.parked (event_id, school_code, source, type, channel, event, unresolved, parked_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])
       on conflict (event_id) do nothing`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.schoolCode),
        events.map((e) => e.source),
        events.map((e) => e.type),
        events.map((e) => e.channel),
        events.map((e) => JSON.stringify(e.event)),
        events.map((e) => JSON.stringify(e.unresolved)),
        events.map((e) => e.parkedAt.toISOString()),
      ],
    );
  }

  async parked(filter: { schoolCode?: string; schoolCodes?: readonly string[]; limit?: number } = {}): Promise<ParkedEvent[]> {
    const params: unknown[] = [];
    const clauses: string[] = [];
    if (filter.schoolCode) clauses.push(`school_code = $${params.push(filter.schoolCode)}`);
    // a caller's visible schools: an empty list matches nothing, as it should
    if (filter.schoolCodes) clauses.push(`school_code = any($${params.push([...filter.schoolCodes])}::text[])`);
    const where = clauses.length ? `where ${clauses.join(' and ')}` : '';
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 5_000);
    const { rows } = await this.db.query<{
      event_id: string;
      school_code: string;
      source: string;
      type: string;
      channel: Channel;
      event: CloudEvent;
      unresolved: PersonRef[];
      parked_at: Date | string;
      attempts: number;
    }>(`select * from warehouse.parked ${where} order by parked_at, event_id limit ${limit}`, params);
    return rows.map((r) => ({
      eventId: r.event_id,
      schoolCode: r.school_code,
      source: r.source,
      type: r.type,
      channel: r.channel,
      event: r.event,
      unresolved: r.unresolved,
      parkedAt: new Date(r.parked_at),
      attempts: r.attempts,
    }));
  }

  async unpark(eventIds: readonly string[], client: SqlClient = this.db): Promise<void> {
    if (eventIds.length) await client.query('delete from warehouse.parked where event_id = any($1::text[])', [eventIds]);
  }

  async touchParked(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length) await this.db.query('update warehouse.parked set attempts = attempts + 1 where event_id = any($1::text[])', [eventIds]);
  }

  /** Per school and source: rejects and parked counts, for ingestion health. */
  /** Dead letters and parked events per school and source; of the given schools only when `schools` is set. */
  async counts(schools?: readonly string[]): Promise<{ schoolCode: string | null; source: string | null; rejects: number; parked: number }[]> {
    const where = schools ? 'where school_code = any($1::text[])' : '';
    const { rows } = await this.db.query<{ school_code: string | null; source: string | null; rejects: string; parked: string }>(
      `select school_code, source, sum(rejects)::text as rejects, sum(parked)::text as parked from (
         select school_code, source, count(*) as rejects, 0 as parked from warehouse.dead_letters ${where} group by 1, 2
         union all select school_code, source, 0, count(*) from warehouse.parked ${where} group by 1, 2) t group by 1, 2`,
      schools ? [[...schools]] : [],
    );
    return rows.map((r) => ({ schoolCode: r.school_code, source: r.source, rejects: Number(r.rejects), parked: Number(r.parked) }));
  }
}
