import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CloudEvent, Problem } from '@educube/contracts';
import { streamId, type AppendOutcome, type EventStore, type NewEvent, type StreamAppend } from '@educube/event-store';
import { isTransientDatabaseError } from '@educube/postgres';
import {
  dispose,
  refsToResolve,
  sameEventText,
  screenBatch,
  type Channel,
  type Disposition,
  type EventResult,
  type Sender,
} from '@educube/warehouse-ingestion';
import { receiptsOf } from '../alerts/receipts';
import { SourceFacts } from '../alerts/source-facts';
import { CLOCK, type Clock } from '../clock';
import { IDENTITY_LOOKUP, type IdentityLookup } from '../identity/identity-client';
import { IngestionRecords, type NewDeadLetter } from '../storage/dead-letters';
import { EVENT_STORE } from '../storage/storage';
import { IngestionStats } from './stats';
import { countResults, tracedIngest } from '../observability';

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
 * The school a refused event is filed under: from an authenticated sender, its token's school,
 * not the one the event claims (the claimed subject stays in the reasons, e.g. own-school, and
 * in the original bytes), so a refusal never lands on a victim school. A trusted channel (Kafka,
 * open HTTP) has no sender: the event's subject.
 */
export function fileUnder(sender: Sender | undefined, claimed: string | null): string | null {
  if (!sender) return claimed;
  if (sender.schoolCodes.length === 1) return sender.schoolCodes[0] ?? null;
  return claimed !== null && sender.schoolCodes.includes(claimed) ? claimed : null;
}

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
    private readonly facts: SourceFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  ingest(arrivals: readonly Arrival[], options: IngestOptions): Promise<{ summary: IngestSummary; results: EventResult[] }> {
    return tracedIngest(
      arrivals.map((a) => a.raw),
      options.channel,
      () => this.ingestNow(arrivals, options),
    );
  }

  private async ingestNow(arrivals: readonly Arrival[], options: IngestOptions): Promise<{ summary: IngestSummary; results: EventResult[] }> {
    const now = options.receivedAt ?? this.clock();
    const subjects = arrivals
      .map((a) => (a.raw && typeof a.raw === 'object' ? str((a.raw as Record<string, unknown>)['subject']) : null))
      .filter((s): s is string => s !== null && /^\d{10}$/.test(s));
    const known = await this.identity.knownSchools(subjects);
    const screened = screenBatch(
      arrivals.map((a) => a.raw),
      (i) => ({
        now,
        sender: options.sender,
        knownSchool: (c) => known.has(c),
        ...(arrivals[i]?.kafkaKey !== undefined ? { kafkaKey: arrivals[i]?.kafkaKey } : {}),
      }),
    );
    const links = await this.identity.resolve(refsToResolve(screened));
    const disposed = dispose(screened, { links });
    const outcome = await this.record(disposed, arrivals, options.channel, now, [], options.sender);
    await this.recordReceipts(outcome.results, arrivals, now, options.sender);
    return outcome;
  }

  /**
   * What the alert rules learn of this batch (who was heard from, how much was refused). Only
   * here, not for parked events appended later: those were received once, when they arrived.
   * The events are durable already, so a failure here is logged, never turned into a refusal
   * of the batch (whose redelivery would be all duplicates, counted nowhere).
   */
  private async recordReceipts(results: readonly EventResult[], arrivals: readonly Arrival[], now: Date, sender: Sender | undefined): Promise<void> {
    try {
      await this.facts.record(
        receiptsOf(
          results,
          arrivals.map((a) => a.raw),
          (claimed) => fileUnder(sender, claimed),
        ),
        now,
      );
    } catch (error) {
      this.logger.warn(`recording the batch's receipts for the alert rules failed: ${describeError(error).reason}`);
    }
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
      const screened = screenBatch(
        arrivals.map((a) => a.raw),
        () => ({ now: new Date(), knownSchool: () => true }),
      );
      await this.record(
        dispose(screened, { links }),
        arrivals,
        channel,
        new Date(),
        group.map((p) => p.eventId),
      );
    }
    await this.records.touchParked(parked.filter((p) => !ready.includes(p)).map((p) => p.eventId));
    if (ready.length) this.logger.log(`appended ${ready.length} parked events whose person links identity now knows`);
    return { appended: ready.length, stillParked: parked.length - ready.length };
  }

  private async record(
    disposed: readonly Disposition[],
    arrivals: readonly Arrival[],
    channel: Channel,
    now: Date,
    unpark: readonly string[] = [],
    sender?: Sender,
  ): Promise<{ summary: IngestSummary; results: EventResult[] }> {
    const results: EventResult[] = new Array(disposed.length);
    const letters: NewDeadLetter[] = [];
    const letter = (index: number, status: 'rejected' | 'conflict', reasons: readonly Problem[], raw: unknown): NewDeadLetter => {
      const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      return {
        eventId: str(r['id']),
        schoolCode: fileUnder(sender, str(r['subject'])),
        source: str(r['source']),
        type: str(r['type']),
        channel,
        status,
        reasons,
        receivedAt: now,
        original: arrivals[index]?.original ?? Buffer.alloc(0),
      };
    };
    // the streams whose positions the sender may learn: its own schools' (on a trusted channel,
    // the event's own stream)
    const ownStreams = sender ? new Set(sender.schoolCodes.map(schoolStream)) : undefined;

    const toPark = [];
    const toAppend: { index: number; event: CloudEvent; resolved: Readonly<Record<string, string>> }[] = [];
    for (const d of disposed) {
      if (d.kind === 'reject') {
        results[d.index] = { index: d.index, id: d.screened.id ?? null, status: 'rejected', problems: d.screened.problems };
        letters.push(letter(d.index, 'rejected', d.screened.problems, arrivals[d.index]?.raw));
      } else if (d.kind === 'park') {
        toPark.push({
          eventId: d.event.id,
          schoolCode: d.event.subject,
          source: d.event.source,
          type: d.event.type,
          channel,
          event: d.event,
          unresolved: d.unresolved,
          parkedAt: now,
        });
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
      const appends = [...byStream].map(([id, list]) => ({
        streamId: id,
        events: list.map((a): NewEvent => ({
          id: a.event.id,
          type: a.event.type,
          data: a.event,
          metadata: { channel, receivedAt: now.toISOString(), persons: a.resolved },
        })),
      }));
      const appended = await this.appendIsolating(appends);
      // the store compares an id's content exactly as first stored; the same event may differ
      // only in form (stored before the envelope was normalised, or its time spelt otherwise by
      // another binding): compared by sameEventText, it is a duplicate
      const sameInForm = await this.sameOnceNormalised(appended, lists, appends);
      appended.forEach((outcomes, s) => {
        const list = lists[s] ?? [];
        const stream = appends[s]?.streamId ?? '';
        outcomes.forEach((o, i) => {
          const a = list[i];
          if (!a) return;
          if (o.status === 'appended') results[a.index] = { index: a.index, id: o.id, status: 'accepted', position: o.position.toString() };
          else if (o.status === 'duplicate' || sameInForm.has(a.index)) results[a.index] = { index: a.index, id: o.id, status: 'duplicate' };
          else if (o.status === 'failed') {
            const problems: Problem[] = [{ path: '', rule: 'append-failed', message: `the event store refused this event: ${o.reason}`, value: o.code }];
            results[a.index] = { index: a.index, id: o.id, status: 'rejected', problems };
            letters.push(letter(a.index, 'rejected', problems, arrivals[a.index]?.raw));
          } else {
            // another school's event under this id: that it exists is all the sender learns
            const own = o.streamId === stream || (ownStreams?.has(o.streamId) ?? false);
            const reason = own
              ? `event ${o.id} was stored before (position ${o.position}) with other content; the stored one stands`
              : `the event id ${o.id} is already taken; send this event under an id of its own`;
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
    // health counts a sender's refusals under the sender's school too, like its dead letters
    this.stats.record(channel, results, arrivals, now, (claimed) => fileUnder(sender, claimed) ?? '(unknown)');
    countResults(
      channel,
      results,
      arrivals.map((a) => a.raw),
    );
    return { summary, results };
  }

  /**
   * The events the store answered `conflict` for whose stored copy, in its own stream, is the
   * same event in another form (sameEventText: the envelope normalised, the time as an
   * instant): the indexes of the batch to answer `duplicate`. Conflicts are rare, so reading
   * the stored copy costs little.
   */
  private async sameOnceNormalised(
    appended: readonly AppendedOrFailed[][],
    lists: readonly (readonly { index: number; event: CloudEvent }[])[],
    appends: readonly StreamAppend[],
  ): Promise<Set<number>> {
    const same = new Set<number>();
    for (const [s, outcomes] of appended.entries()) {
      for (const [i, o] of outcomes.entries()) {
        const a = lists[s]?.[i];
        if (!a || o.status !== 'conflict' || o.streamId !== appends[s]?.streamId) continue;
        const [stored] = await this.store.readAll(o.position - 1n, 1);
        if (stored?.id === o.id && stored.data && typeof stored.data === 'object' && sameEventText(stored.data) === sameEventText(a.event)) same.add(a.index);
      }
    }
    return same;
  }

  /**
   * Appends in one transaction; if that fails for something an event carries (a value the
   * database refuses), appends stream by stream, and a failing stream in halves until the
   * event that fails stands alone, in order, so only that event is left out, with the
   * database's reason, and every other one is appended. A failed transaction wrote nothing, so
   * trying again loses and changes nothing: an event stored meanwhile is answered duplicate. A
   * database that is unavailable fails the whole call instead (nothing acknowledged, redelivery),
   * so an outage never turns good events into dead letters.
   */
  private async appendIsolating(appends: readonly StreamAppend[]): Promise<AppendedOrFailed[][]> {
    try {
      return (await this.store.appendMany(appends)).map((r) => [...r.outcomes]);
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      this.logger.warn(
        `appending ${appends.reduce((n, a) => n + a.events.length, 0)} events in one transaction failed (${describeError(error).reason}); appending them apart to find the event the store refuses`,
      );
      if (appends.length === 1 && appends[0]) return [await this.appendHalves(appends[0].streamId, appends[0].events, error)];
    }
    const out: AppendedOrFailed[][] = [];
    for (const a of appends) out.push(await this.appendHalves(a.streamId, a.events));
    return out;
  }

  /** Appends events of one stream in order; `failed` when this very list is known to fail. */
  private async appendHalves(stream: string, events: readonly NewEvent[], failed?: unknown): Promise<AppendedOrFailed[]> {
    let error = failed;
    if (error === undefined) {
      try {
        const [result] = await this.store.appendMany([{ streamId: stream, events }]);
        return [...(result?.outcomes ?? [])];
      } catch (e) {
        if (isTransientDatabaseError(e)) throw e;
        error = e;
      }
    }
    if (events.length === 1 && events[0]) {
      this.logger.warn(`the event store refused event ${events[0].id} of ${stream}: ${describeError(error).reason}`);
      return [{ id: events[0].id, status: 'failed', ...describeError(error) }];
    }
    const middle = Math.ceil(events.length / 2);
    return [...(await this.appendHalves(stream, events.slice(0, middle))), ...(await this.appendHalves(stream, events.slice(middle)))];
  }
}

/** An append's outcome, or the store's refusal of that one event. */
type AppendedOrFailed = AppendOutcome | { readonly id: string; readonly status: 'failed'; readonly reason: string; readonly code: string | null };

/** The database's words for a refusal (pg adds a detail, e.g. "\u0000 cannot be converted to text."), and its SQLSTATE. */
function describeError(error: unknown): { reason: string; code: string | null } {
  const e = (error ?? {}) as { message?: unknown; detail?: unknown; code?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const detail = typeof e.detail === 'string' && e.detail !== '' ? ` (${e.detail})` : '';
  return { reason: `${message}${detail}`, code: typeof e.code === 'string' ? e.code : null };
}
