/**
 * The event store port on EventStoreDB/KurrentDB (`@kurrent/kurrentdb-client`). Needs
 * KurrentDB 25.1 or later: every append is a multi-stream append. It passes the same contract
 * suite as the PostgreSQL adapter (kurrentdb-event-store.int.spec.ts, only when KURRENTDB_URL
 * is set); no KurrentDB server runs on the machines this was written on, so that suite has not
 * been run yet: treat the mapping below as designed and typechecked, not proven.
 *
 * How each promise of the port maps:
 *
 * - Optimistic concurrency per stream: KurrentDB's expected revision. The adapter reads each
 *   stream's revision first, decides the port's way (a retry of an append that already
 *   committed is answered with duplicates, whatever its expected version), then appends with
 *   the revision it read as the expected state, also for 'any'. If the server refuses, another
 *   writer came between: the adapter decides again from fresh reads (at most MAX_ATTEMPTS
 *   times), and only then answers the port's WrongExpectedVersionError with the actual version.
 *
 * - Idempotency by event id across ALL streams: KurrentDB dedupes event ids only within one
 *   stream. Each new id also writes a marker stream (`_eventid-<sha256(id)>`) with expected
 *   state NO_STREAM in the same atomic append, holding the payload hash and where the event
 *   went. Of two writers racing with one id, one append commits; the other is refused on the
 *   marker, reads it on its next attempt and answers `duplicate` (same hash) or `conflict`
 *   (different hash), pointing at the original. Markers must never be truncated ($maxAge,
 *   $maxCount, scavenged deletes): they are the uniqueness constraint. KurrentDB's own event
 *   ids are name-based UUIDs of the port's ids (the port's id travels in metadata).
 *
 * - Global position: KurrentDB orders $all by (commit, prepare) log offsets. The port's bigint
 *   packs both (`commit * 2^64 + prepare`), so it is strictly increasing in $all order and
 *   unpacks exactly to resume. Positions are NOT contiguous (they are byte offsets in the log,
 *   with system and marker records between events); the port promises strictly increasing and
 *   never skipped, and only the PostgreSQL suite checks contiguity. They exceed 64 bits, which
 *   is why the checkpoint table stores numeric.
 *
 * - appendMany all-or-nothing: one `multiStreamAppend` carries every stream and every marker;
 *   KurrentDB commits it atomically or not at all. Several appends to one stream in one call
 *   are merged into one request in order. Metadata on that path must be string values only,
 *   so the port's metadata travels as one JSON string.
 *
 * - Catch-up subscriptions: the shared catch-up loop over `readAll` pages, which reads $all
 *   from the unpacked position with a server-side filter that leaves out KurrentDB's system
 *   streams and the marker streams (and filters again client-side). A live `subscribeToAll`
 *   from the end only rings the doorbell, so an idle subscriber looks at once, as LISTEN/NOTIFY
 *   does on PostgreSQL; the pages themselves always come from reads, so ordering and
 *   checkpoints behave exactly as on PostgreSQL.
 *
 * Costs, for scale planning: an append reads one marker per id and one revision per stream,
 * writes one extra record per event (its marker), and reads back its own events for their
 * positions; a duplicate costs one more read for the original's position.
 */
import {
  END,
  FORWARDS,
  BACKWARDS,
  NO_STREAM,
  START,
  jsonEvent,
  streamNameFilter,
  KurrentDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type AppendStreamRequest,
  type EventData,
  type JSONType,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { Doorbell, followAll } from '../catch-up';
import {
  WrongExpectedVersionError,
  type AppendOutcome,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
} from '../port';
import { payloadHash } from '../postgres/postgres-event-store';
import { isPortStream, MARKER_PREFIX, markerStream, nameUuid, packPosition, unpackPosition } from './kurrentdb-mapping';

/** Attempts at an append that keeps meeting concurrent writers before it gives up. */
const MAX_ATTEMPTS = 5;
const MARKER_TYPE = 'EventIdClaimed';

/** Server-side: no system stream ($…), no id marker. Not a JS regex: the server's .NET one. */
const PORT_STREAMS = streamNameFilter({ regex: `^(?!\\$|${MARKER_PREFIX})` });

interface Marker {
  readonly id: string;
  readonly hash: string;
  readonly streamId: string;
  readonly streamVersion: number;
}

interface Planned {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly event: NewEvent;
  readonly hash: string;
}

export class KurrentDBEventStore implements EventStore {
  private constructor(private readonly client: KurrentDBClient) {}

  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false` */
  static connect(connectionString: string): KurrentDBEventStore {
    return new KurrentDBEventStore(KurrentDBClient.connectionString(connectionString));
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion = 'any'): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, events, expected }]);
    if (!result) throw new Error('appendMany answered no result for one append');
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    for (const a of appends) {
      if (!isPortStream(a.streamId)) throw new Error(`stream id "${a.streamId}" is reserved (system streams and id markers)`);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryAppend(appends);
      } catch (error) {
        if (!(error instanceof KurrentWrongExpectedVersionError)) throw error;
        // Another writer came between our reads and our append: decide again from fresh reads.
        if (attempt < MAX_ATTEMPTS) continue;
        const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : -1;
        const mine = appends.find((a) => a.streamId === error.streamName);
        throw new WrongExpectedVersionError(error.streamName, mine?.expected ?? 'any', actual);
      }
    }
  }

  private async tryAppend(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const batches = appends.map((a) => ({ ...a, events: a.events.map((e) => ({ event: e, hash: payloadHash(e) })) }));
    const ids = [...new Set(batches.flatMap((b) => b.events.map((e) => e.event.id)))];
    const streams = [...new Set(batches.map((b) => b.streamId))];
    const [markers, revisions] = await Promise.all([
      Promise.all(ids.map((id) => this.readMarker(id))),
      Promise.all(streams.map(async (s) => [s, await this.currentVersion(s)] as const)),
    ]);
    const known = new Map(markers.filter((m): m is Marker => m !== undefined).map((m) => [m.id, m]));
    const initial = new Map(revisions);
    const versions = new Map(revisions);

    // The same decisions as the PostgreSQL adapter, every stream before any write.
    const firstHash = new Map<string, string>();
    const planned: Planned[] = [];
    for (const b of batches) {
      const current = versions.get(b.streamId) ?? -1;
      const fresh = b.events.filter((e) => {
        if (known.has(e.event.id) || firstHash.has(e.event.id)) return false;
        firstHash.set(e.event.id, e.hash);
        return true;
      });
      if (fresh.length > 0 && !versionMatches(b.expected ?? 'any', current)) throw new WrongExpectedVersionError(b.streamId, b.expected ?? 'any', current);
      fresh.forEach((e, i) => planned.push({ id: e.event.id, streamId: b.streamId, version: current + 1 + i, event: e.event, hash: e.hash }));
      versions.set(b.streamId, current + fresh.length);
    }

    const positions = new Map<string, bigint>();
    if (planned.length > 0) {
      await this.client.multiStreamAppend(this.requests(planned, initial));
      for (const [streamId, from] of initial) {
        const written = planned.filter((p) => p.streamId === streamId);
        if (written.length === 0) continue;
        for (const e of await this.readStream(streamId, from + 1)) positions.set(e.id, e.position);
      }
    }
    for (const m of known.values()) positions.set(m.id, await this.positionOf(m));

    const answered = new Set<string>();
    const appended = new Map(planned.map((p) => [p.id, p]));
    return batches.map((b) => {
      const outcomes = b.events.map(({ event, hash }): AppendOutcome => {
        const position = positions.get(event.id);
        if (position === undefined) throw new Error(`event ${event.id} was neither stored before nor appended now`);
        const mine = appended.get(event.id);
        if (mine && !answered.has(event.id)) {
          answered.add(event.id);
          return { id: event.id, status: 'appended', position, streamVersion: mine.version };
        }
        const original = known.get(event.id) ?? (mine && { hash: mine.hash, streamId: mine.streamId });
        if (!original) throw new Error(`event ${event.id} has no original`);
        return { id: event.id, status: original.hash === hash ? 'duplicate' : 'conflict', position, streamId: original.streamId };
      });
      return { outcomes, streamVersion: versions.get(b.streamId) ?? -1 };
    });
  }

  /** One request per stream (expected: the revision read), one per marker (expected: none). */
  private requests(planned: readonly Planned[], initial: ReadonlyMap<string, number>): AppendStreamRequest[] {
    const perStream = new Map<string, EventData[]>();
    const markers: AppendStreamRequest[] = [];
    for (const p of planned) {
      const events = perStream.get(p.streamId) ?? [];
      events.push(
        jsonEvent({
          id: nameUuid(p.id),
          type: p.event.type,
          data: (p.event.data ?? null) as JSONType,
          metadata: { eventId: p.id, payloadHash: p.hash, metadata: JSON.stringify(p.event.metadata ?? {}) },
        }),
      );
      perStream.set(p.streamId, events);
      const marker: Marker = { id: p.id, hash: p.hash, streamId: p.streamId, streamVersion: p.version };
      markers.push({
        streamName: markerStream(p.id),
        expectedState: NO_STREAM,
        events: [jsonEvent({ id: nameUuid(`marker:${p.id}`), type: MARKER_TYPE, data: { ...marker } })],
      });
    }
    const streams = [...perStream].map(([streamName, events]): AppendStreamRequest => {
      const from = initial.get(streamName) ?? -1;
      return { streamName, events, expectedState: from < 0 ? NO_STREAM : BigInt(from) };
    });
    return [...streams, ...markers];
  }

  private async readMarker(id: string): Promise<Marker | undefined> {
    const [first] = await this.read(markerStream(id), { fromRevision: START, maxCount: 1 });
    const data = first?.event ? parseJson(first.event.data) : undefined;
    return data as Marker | undefined;
  }

  private async currentVersion(streamId: string): Promise<number> {
    const [last] = await this.read(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return last?.event ? Number(last.event.revision) : -1;
  }

  private async positionOf(marker: Marker): Promise<bigint> {
    const [original] = await this.readStream(marker.streamId, marker.streamVersion);
    if (!original || original.id !== marker.id)
      throw new Error(`marker for ${marker.id} points at ${marker.streamId}@${marker.streamVersion}, which holds another event`);
    return original.position;
  }

  private async read(
    streamId: string,
    options: { fromRevision: bigint | typeof START | typeof END; maxCount?: number; direction?: typeof FORWARDS | typeof BACKWARDS },
  ): Promise<ResolvedEvent[]> {
    const out: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) out.push(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readStream(streamId: string, fromVersion = 0): Promise<RecordedEvent[]> {
    const events = await this.read(streamId, { fromRevision: BigInt(fromVersion), direction: FORWARDS });
    return events.flatMap((r) => {
      if (!r.event) return [];
      // Servers before 22.6 send no position on stream reads; 25.1 is required anyway.
      if (!r.event.position)
        throw new Error(`KurrentDB sent ${streamId}@${r.event.revision} without its log position: the adapter needs KurrentDB 25.1 or later`);
      return [toRecorded(r.event, r.event.position)];
    });
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    if (limit < 1) return out;
    // A read from a position includes the event at it; one more than `limit` makes up for it.
    const reading = this.client.readAll({
      fromPosition: after === 0n ? START : unpackPosition(after),
      direction: FORWARDS,
      maxCount: limit + 1,
      filter: PORT_STREAMS,
    });
    for await (const resolved of reading) {
      const e = resolved.event;
      if (!e || !isPortStream(e.streamId) || e.type.startsWith('$')) continue;
      const recorded = toRecorded(e, e.position);
      if (recorded.position <= after) continue;
      out.push(recorded);
      if (out.length === limit) break;
    }
    return out;
  }

  async subscribe(options: SubscribeOptions): Promise<void> {
    const doorbell = new Doorbell();
    const live = this.client.subscribeToAll({ fromPosition: END, filter: PORT_STREAMS });
    live.on('data', () => doorbell.ring());
    live.on('error', () => undefined); // only a wake-up: without it the loop still polls
    try {
      await followAll((after, limit) => this.readAll(after, limit), options, doorbell);
    } finally {
      await live.unsubscribe().catch(() => undefined);
    }
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}

function versionMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  return expected === current;
}

type StoredEvent = NonNullable<ResolvedEvent['event']>;

function toRecorded(e: StoredEvent, position: { commit: bigint; prepare: bigint }): RecordedEvent {
  const meta = (parseJson(e.metadata) ?? {}) as { eventId?: string; metadata?: string };
  return {
    id: meta.eventId ?? e.id,
    streamId: e.streamId,
    streamVersion: Number(e.revision),
    position: packPosition(position),
    type: e.type,
    data: parseJson(e.data),
    metadata: typeof meta.metadata === 'string' ? (JSON.parse(meta.metadata) as Record<string, unknown>) : {},
    recordedAt: e.created,
  };
}

/** JSON events arrive parsed, binary ones (and metadata, depending on the path) as bytes. */
function parseJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.length === 0 ? undefined : JSON.parse(Buffer.from(value).toString('utf8'));
  return value;
}
