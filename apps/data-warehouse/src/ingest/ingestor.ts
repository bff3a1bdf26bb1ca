import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CloudEvent, Problem } from '@educube/contracts';
import { streamId, type EventStore, type NewEvent } from '@educube/event-store';
import { dispose, refsToResolve, screenBatch, type Channel, type Disposition, type EventResult, type Sender } from '@educube/warehouse-ingestion';
import { IDENTITY_LOOKUP, type IdentityLookup } from '../identity/identity-client';
import { IngestionRecords, type NewDeadLetter } from '../storage/dead-letters';
import { EVENT_STORE } from '../storage/storage';
import { IngestionStats } from './stats';

/** One event as it arrived: its parsed value and the bytes to keep if it is rejected. */
export interface Arrival {
  readonly raw: unknown;
  readonly original: Buffer;
  /** Kafka: the record key, which must be the event's school */
  readonly kafkaKey?: string | null;
}

export interface IngestOptions {
  readonly channel: Channel;
  /** the authenticated school system (HTTP); undefined on a trusted channel */
  readonly sender?: Sender;
  readonly receivedAt?: Date;
}

export interface IngestSummary {
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  parked: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The stream of a school's events: one per school, so a school's history reads in order. */
export const schoolStream = (schoolCode: string): string => streamId('school', schoolCode);

/**
 * The pipeline both channels share: validate → resolve → dedupe → append → acknowledge. It
 * returns only after everything it reports is durable: appended events in the store, rejects
 * and conflicts in dead letters, unresolved events in the parking lot. A caller that then
 * acknowledges (HTTP answer, Kafka offset commit) therefore never acknowledges what a crash
 * could lose; a crash before the return means redelivery, which the store answers as duplicates.
 */
@Injectable()
export class Ingestor {
  private readonly logger = new Logger('ingestion');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_LOOKUP) private readonly identity: IdentityLookup,
    private readonly records: IngestionRecords,
    private readonly stats: IngestionStats,
  ) {}

  async ingest(arrivals: readonly Arrival[], options: IngestOptions): Promise<{ summary: IngestSummary; results: EventResult[] }> {
    const now = options.receivedAt ?? new Date();
    const subjects = arrivals.map((a) => (a.raw && typeof a.raw === 'object' ? str((a.raw as Record<string, unknown>)['subject']) : null)).filter((s): s is string => s !== null && /^\d{10}$/.test(s));
    const known = await this.identity.knownSchools(subjects);
    const screened = screenBatch(
      arrivals.map((a) => a.raw),
      (i) => ({ now, sender: options.sender, knownSchool: (c) => known.has(c), ...(arrivals[i]?.kafkaKey !== undefined ? { kafkaKey: arrivals[i]?.kafkaKey } : {}) }),
    );
    const links = await this.identity.resolve(refsToResolve(screened));
    const disposed = dispose(screened, { links });
    return this.record(disposed, arrivals, options.channel, now);
  }

  /** Re-runs parked events whose refs identity now resolves; returns how many were appended. */
  async retryParked(limit = 1_000): Promise<{ appended: number; stillParked: number }> {
    const parked = await this.records.parked({ limit });
    if (parked.length === 0) return { appended: 0, stillParked: 0 };
    const links = await this.identity.resolve(parked.flatMap((p) => p.unresolved));
    const ready = parked.filter((p) => p.unresolved.every((r) => links.has(`${r.system}/${r.localId}`)));
    for (const channel of ['http', 'kafka'] as const) {
      const group = ready.filter((p) => p.channel === channel);
      if (group.length === 0) continue;
      const arrivals = group.map((p) => ({ raw: p.event, original: Buffer.from(JSON.stringify(p.event)) }));
      // parked events were valid when they arrived (the sender was checked then); they pass the
      // same pipeline again, and the store answers duplicate if one got in meanwhile
      const screened = screenBatch(arrivals.map((a) => a.raw), () => ({ now: new Date(), knownSchool: () => true }));
      await this.record(dispose(screened, { links }), arrivals, channel, new Date(), group.map((p) => p.eventId));
    }
    await this.records.touchParked(parked.filter((p) => !ready.includes(p)).map((p) => p.eventId));
    if (ready.length) this.logger.log(`appended ${ready.length} parked events whose person links identity now knows`);
    return { appended: ready.length, stillParked: parked.length - ready.length };
  }

  private async record(disposed: readonly Disposition[], arrivals: readonly Arrival[], channel: Channel, now: Date, unpark: readonly string[] = []): Promise<{ summary: IngestSummary; results: EventResult[] }> {
    const results: EventResult[] = new Array(disposed.length);
    const letters: NewDeadLetter[] = [];
    const letter = (index: number, status: 'rejected' | 'conflict', reasons: readonly Problem[], raw: unknown): NewDeadLetter => {
      const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      return { eventId: str(r['id']), schoolCode: str(r['subject']), source: str(r['source']), type: str(r['type']), channel, status, reasons, receivedAt: now, original: arrivals[index]?.original ?? Buffer.alloc(0) };
    };

    const toPark = [];
    const toAppend: { index: number; event: CloudEvent; resolved: Readonly<Record<string, string>> }[] = [];
    for (const d of disposed) {
      if (d.kind === 'reject') {
        results[d.index] = { index: d.index, id: d.screened.id ?? null, status: 'rejected', problems: d.screened.problems };
        letters.push(letter(d.index, 'rejected', d.screened.problems, arrivals[d.index]?.raw));
      } else if (d.kind === 'park') {
        toPark.push({ eventId: d.event.id, schoolCode: d.event.subject, source: d.event.source, type: d.event.type, channel, event: d.event, unresolved: d.unresolved, parkedAt: now });
        results[d.index] = { index: d.index, id: d.event.id, status: 'parked', unresolved: d.unresolved };
      } else if (d.kind === 'append') {
        toAppend.push(d);
      }
    }

    if (toAppend.length > 0) {
      const byStream = new Map<string, typeof toAppend>();
      for (const a of toAppend) {
        const key = schoolStream(a.event.subject);
        const list = byStream.get(key);
        if (list) list.push(a);
        else byStream.set(key, [a]);
      }
      const lists = [...byStream.values()];
      const appends = [...byStream].map(([id, list]) => ({ streamId: id, events: list.map((a): NewEvent => ({ id: a.event.id, type: a.event.type, data: a.event, metadata: { channel, receivedAt: now.toISOString(), persons: a.resolved } })) }));
      const appended = await this.store.appendMany(appends);
      appended.forEach((result, s) => {
        const list = lists[s] ?? [];
        result.outcomes.forEach((o, i) => {
          const a = list[i];
          if (!a) return;
          if (o.status === 'appended') results[a.index] = { index: a.index, id: o.id, status: 'accepted', position: o.position.toString() };
          else if (o.status === 'duplicate') results[a.index] = { index: a.index, id: o.id, status: 'duplicate' };
          else {
            const reason = `event ${o.id} was stored before (position ${o.position}, stream ${o.streamId}) with other content; the stored one stands`;
            results[a.index] = { index: a.index, id: o.id, status: 'conflict', reason };
            letters.push(letter(a.index, 'conflict', [{ path: '/id', rule: 'same-id-same-content', message: reason, value: o.id }], arrivals[a.index]?.raw));
          }
        });
      });
    }

    for (const d of disposed) {
      if (d.kind !== 'repeat') continue;
      if (d.sameAsFirst) results[d.index] = { index: d.index, id: d.id, status: 'duplicate' };
      else {
        const reason = `event ${d.id} appears earlier in this batch with other content; the first one stands`;
        results[d.index] = { index: d.index, id: d.id, status: 'conflict', reason };
        letters.push(letter(d.index, 'conflict', [{ path: '/id', rule: 'same-id-same-content', message: reason, value: d.id }], arrivals[d.index]?.raw));
      }
    }

    await this.records.addDeadLetters(letters);
    await this.records.park(toPark);
    await this.records.unpark(unpark);

    const summary: IngestSummary = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0, parked: 0 };
    for (const r of results) summary[r.status === 'accepted' ? 'accepted' : r.status] += 1;
    this.stats.record(channel, results, arrivals, now);
    return { summary, results };
  }
}
