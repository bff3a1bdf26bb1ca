import { isoDateTime, personRef } from '@educube/contracts';
import { problemItemSchema } from '@educube/service-kit';
import { z } from 'zod';

// The answers of the ingestion, dead-letter and parked routes, as the OpenAPI document shows them
// and the response check holds them to under test. The handlers declare these as their return
// types, so a field added to an answer fails the typecheck until the schema has it too.

const count = z.number().int().min(0);
const channel = z.enum(['http', 'kafka']);
const eventTime = z.string().meta({ description: "an accepted event's own `time`, as it sent it" });

const totals = z.object({
  accepted: count,
  duplicates: count,
  conflicts: count,
  deadLetters: count.meta({ description: 'durable: dead letters kept' }),
  parked: count.meta({ description: 'durable: events parked now' }),
  eventsPerMinute: z.number().min(0).meta({ description: 'accepted per minute over the last 5 minutes' }),
});

/** Counters per source system and school since this process started. */
const sourceCounters = z.object({
  source: z.string(),
  schoolCode: z.string(),
  lastEventTime: eventTime.nullable(),
  lastReceivedAt: isoDateTime.nullable(),
  eventsPerMinute: z.number().min(0),
  accepted: count,
  duplicates: count,
  conflicts: count,
  rejects: count,
  parked: count,
});

/** Durable counts per school and source. */
const keptCounts = z.object({ schoolCode: z.string().nullable(), source: z.string().nullable(), rejects: count, parked: count });

/** Where this process's consumer is: in its group, holding a batch while the database is away, or rejoining after a crash. */
const consumerState = z
  .object({
    status: z.enum(['starting', 'consuming', 'paused', 'rejoining', 'stopped']),
    since: z.string().meta({ description: 'when it entered this status' }),
    reason: z.string().nullable().meta({ description: 'why it is paused or rejoining (the last error); null while consuming' }),
    rejoins: count.meta({ description: 'times it rejoined its group after a crash, since this process started' }),
    runs: count.meta({ description: 'pipeline runs since this process started; each takes the batches of several partitions together' }),
    batches: count.meta({ description: 'partition batches those runs took' }),
  })
  .meta({ description: "this process's consumer" });

const kafkaStatus = z.union([
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    consumer: consumerState,
    consumerLag: count,
    partitions: z.array(z.object({ topic: z.string(), partition: z.number().int(), lag: z.number().int() })),
    error: z.string().nullable(),
  }),
  z.object({
    enabled: z.literal(true),
    consumer: consumerState,
    consumerLag: z.null().meta({ description: 'the lag could not be read' }),
    error: z.string().nullable(),
  }),
]);

const alertsStatus = z.object({
  evaluateEveryMs: count,
  lastEvaluatedAt: isoDateTime.nullable(),
  durationMs: z.number().min(0).nullable(),
  raised: count,
  resolved: count,
  error: z.string().nullable().meta({ description: 'why the latest evaluation failed (null once one succeeds again)' }),
  counts: z.object({ raised: count, acknowledged: count, resolved: count }),
});

/** `GET /v1/ingestion/health`: everything for services; a caller who sees only some schools gets their figures alone. */
export const ingestionHealthAnswer = z.union([
  z.object({
    storedEvents: count,
    headPosition: z.string().meta({ description: "the event store's last position (a decimal bigint)" }),
    projection: z.object({
      position: z.string(),
      lag: z.string().meta({ description: 'events stored but not yet projected (a decimal bigint)' }),
      error: z.string().nullable(),
    }),
    kafka: kafkaStatus,
    totals,
    alerts: alertsStatus,
    sources: z.array(sourceCounters).meta({ description: 'since this process started' }),
    kept: z.array(keptCounts).meta({ description: 'durable: dead letters and parked events per school and source' }),
  }),
  z.object({ schools: count.meta({ description: 'the schools the caller may see' }), totals, sources: z.array(sourceCounters), kept: z.array(keptCounts) }),
]);

const sourceHealth = z.object({
  school: z.string(),
  source: z.string(),
  accepted: count,
  duplicates: count,
  conflicts: count,
  rejects: count.meta({ description: 'refused since the warehouse started (the durable count is deadLetters)' }),
  deadLetters: count,
  parked: count,
  eventsPerMinute: z.number().min(0),
  lastEventAt: eventTime.nullable(),
  lastReceivedAt: isoDateTime.nullable(),
  silent: z.boolean(),
});

const healthSummary = {
  totals,
  lastEventAt: eventTime.nullable(),
  lastReceivedAt: isoDateTime.nullable(),
  silentSources: z.array(z.object({ school: z.string(), source: z.string(), lastEventAt: eventTime.nullable(), lastReceivedAt: isoDateTime.nullable() })),
  sources: z.array(sourceHealth),
};

const healthFrame = {
  since: isoDateTime.meta({ description: 'the counters count from here; dead letters and parked events are durable' }),
  silentAfterMinutes: z.number().min(0),
  projectionLag: count.meta({ description: 'events stored but not yet in the read models' }),
};

/** `GET /v1/ingestion/regions/{code}`. */
export const regionHealthAnswer = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'district']) }),
  schools: count.meta({ description: "the region's schools by identity's tree today" }),
  ...healthFrame,
  ...healthSummary,
  schoolsWithoutEvents: count.meta({ description: 'schools of the region from which nothing has arrived since the warehouse started' }),
});

/** `POST /v1/ingestion/schools`. */
export const schoolsHealthAnswer = z.object({
  ...healthFrame,
  schools: z.array(z.object({ school: z.string(), heardFrom: z.boolean(), ...healthSummary })),
});

const deadLetter = z.object({
  id: z.string(),
  eventId: z.string().nullable(),
  schoolCode: z.string().nullable(),
  source: z.string().nullable(),
  type: z.string().nullable(),
  channel,
  status: z.enum(['rejected', 'conflict']),
  reasons: z.array(problemItemSchema),
  receivedAt: isoDateTime,
  resubmittedAt: isoDateTime.nullable(),
  resubmitOutcome: z.string().nullable().meta({ description: "the resubmission's summary, as JSON text" }),
  originalBase64: z.string().meta({ description: 'the bytes as they arrived' }),
  originalText: z.string().nullable().meta({ description: 'the same bytes as text, when they are UTF-8' }),
});

/** `GET /v1/dead-letters`. */
export const deadLettersAnswer = z.object({ count, deadLetters: z.array(deadLetter) });

/** `GET /v1/parked`. */
export const parkedAnswer = z.object({
  count,
  parked: z.array(
    z.object({
      eventId: z.string(),
      schoolCode: z.string(),
      source: z.string(),
      type: z.string(),
      channel,
      parkedAt: isoDateTime,
      attempts: count,
      reason: z.string(),
      unresolved: z.array(personRef),
    }),
  ),
});
