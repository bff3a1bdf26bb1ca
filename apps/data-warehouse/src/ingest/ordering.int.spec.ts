import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { checksum, tableRows } from '@educube/warehouse-read-models-postgres';
import { Projector } from '../projection/projector';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { startTestWarehouse } from '../testing/warehouse';

// Issue 4, the other half: what arrives in the wrong order, twice, or changed under the same id.
// Two warehouses on two fresh databases of the real PostgreSQL: one fed a school's history in
// order, the other fed it backwards; the read models must end equal.

type Result = { index: number; id: string | null; status: string; problems?: { path: string; rule: string }[] };
type Answer = { summary: Record<string, number>; results: Result[] };

const SCHOOL = '3302030001';
const at = (day: number, hour = 8): string => `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** Uploads half an hour either side of midnight between two school years, China time. */
const LAST_OF_2025_2026 = '2026-08-31T23:30:00+08:00';
const FIRST_OF_2026_2027 = '2026-09-01T00:30:00+08:00';

/**
 * One school's history with the conflicts order makes hard: a reschedule then a cancellation of
 * one lesson, a device's status changes, a corrected attendance day, counters that add up, and
 * two uploads across the school-year boundary.
 */
function history(): CloudEvent[] {
  const e = <D extends E.EventDefinition>(def: D, data: Parameters<typeof anEvent<D>>[1], time: string): CloudEvent =>
    anEvent(def, data, { subject: SCHOOL, time });
  return [
    e(E.SchoolCalendarPublishedV1, {}, at(1)),
    e(E.LessonTimetabledV1, { lessonId: 'L-1' }, at(1)),
    e(E.LessonTimetabledV1, { lessonId: 'L-1', date: '2026-09-14', period: 3 }, at(2)),
    e(E.LessonCancelledV1, { lessonId: 'L-1' }, at(3)),
    e(E.LessonDeliveredV1, {}, at(7)),
    e(E.LessonDeliveredV1, { lessonId: 'L-5', periods: 2 }, at(7, 10)),
    e(E.DeviceRegisteredV1, { assetId: 'A-1' }, at(1)),
    e(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '故障' }, at(10)),
    e(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '维修' }, at(11)),
    e(E.DailyAttendanceRecordedV1, {}, at(7, 9)),
    e(E.DailyAttendanceRecordedV1, { present: 40, late: 0, onLeave: 0, absent: 0 }, at(7, 17)),
    e(E.TrainingCompletedV1, {}, at(15)),
    e(E.TrainingCompletedV1, { trainingId: 'TR-2', hours: 1.5 }, at(16)),
    e(E.ResourceUploadedV1, { resourceId: 'RS-AUG', uploadedAt: LAST_OF_2025_2026 }, LAST_OF_2025_2026),
    e(E.ResourceUploadedV1, { resourceId: 'RS-SEP', uploadedAt: FIRST_OF_2026_2027 }, FIRST_OF_2026_2027),
  ];
}

interface Warehouse {
  readonly database: FreshDatabase;
  readonly running: Awaited<ReturnType<typeof startTestWarehouse>>;
}

async function startWarehouse(): Promise<Warehouse> {
  const database = await freshDatabase('educube_ordering');
  const running = await startTestWarehouse({ DATABASE_URL: database.url });
  return { database, running };
}

/** Sends a batch as the school systems would: each school's events with its own token, answers back in batch order. */
async function send(w: Warehouse, batch: readonly unknown[]): Promise<Answer> {
  const bySchool = new Map<string, number[]>();
  batch.forEach((e, i) => {
    const school = String((e as { subject?: unknown }).subject);
    bySchool.set(school, [...(bySchool.get(school) ?? []), i]);
  });
  const results: Answer['results'] = new Array(batch.length);
  const summary: Record<string, number> = {};
  for (const [school, indexes] of bySchool) {
    const res = await w.running.post(
      indexes.map((i) => batch[i]),
      school,
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    answer.results.forEach((r, j) => (results[indexes[j] as number] = { ...r, index: indexes[j] as number }));
    for (const [k, v] of Object.entries(answer.summary)) summary[k] = (summary[k] ?? 0) + v;
  }
  return { summary, results } as Answer;
}

/** Waits until the read models include everything stored so far. */
async function projected(w: Warehouse): Promise<void> {
  const { rows } = await w.database.db.query<{ head: string }>('select coalesce(max(position), 0)::text as head from event_store.events');
  await w.running.app.get(Projector).caughtUp(BigInt(rows[0]?.head ?? '0'));
}

async function counts(w: Warehouse): Promise<{ events: number; deadLetters: number }> {
  const { rows } = await w.database.db.query<{ events: string; dead: string }>(
    'select (select count(*) from event_store.events)::text as events, (select count(*) from warehouse.dead_letters)::text as dead',
  );
  return { events: Number(rows[0]?.events), deadLetters: Number(rows[0]?.dead) };
}

describe('order, redelivery and conflicts (real PostgreSQL)', () => {
  const events = history();
  let inOrder: Warehouse;
  let backwards: Warehouse;

  beforeAll(async () => {
    [inOrder, backwards] = await Promise.all([startWarehouse(), startWarehouse()]);
  });
  afterAll(async () => {
    for (const w of [inOrder, backwards]) {
      await w?.running.close();
      await w?.database.drop();
    }
  });

  it("ends with equal read models whether a school's events arrive in order or latest first", async () => {
    // one delivery per event, so the store's positions follow the arrival order
    for (const event of events) expect((await send(inOrder, [event])).results.map((r) => r.status)).toEqual(['accepted']);
    for (const event of [...events].reverse()) expect((await send(backwards, [event])).results.map((r) => r.status)).toEqual(['accepted']);
    await Promise.all([projected(inOrder), projected(backwards)]);

    const { rows } = await backwards.database.db.query<{ event_id: string }>('select event_id from event_store.events order by position');
    expect(rows.map((r) => r.event_id)).toEqual([...events].reverse().map((e) => e.id));

    const [a, b] = await Promise.all([checksum(inOrder.database.db), checksum(backwards.database.db)]);
    expect(b).toBe(a);
    // and the state is the later one's, not the last arrival's
    expect(await tableRows(backwards.database.db, 'lessons')).toEqual([
      expect.objectContaining({ school: SCHOOL, lesson_id: 'L-1', day: '2026-09-14', period: 3, cancelled: true }),
    ]);
    expect(await tableRows(backwards.database.db, 'devices')).toEqual([
      expect.objectContaining({ asset_id: 'A-1', status: '维修', registered_on: '2025-08-21' }),
    ]);
    expect(await tableRows(backwards.database.db, 'attendance')).toEqual([expect.objectContaining({ day: '2026-09-07', present: 40, absent: 0 })]);
  });

  it('puts events half an hour either side of 1 September (China time) in different school years', async () => {
    const uploads = (await tableRows(inOrder.database.db, 'resource_uploads')).sort((x, y) => String(x['day']).localeCompare(String(y['day'])));
    expect(uploads).toEqual([
      expect.objectContaining({ school: SCHOOL, day: '2026-08-31', school_year: '2025-2026', semester: '第二学期', uploads: 1 }),
      expect.objectContaining({ school: SCHOOL, day: '2026-09-01', school_year: '2026-2027', semester: '第一学期', uploads: 1 }),
    ]);
    // both instants are 31 August in UTC: a UTC day would have put them in one school year
    expect(new Date(FIRST_OF_2026_2027).toISOString().slice(0, 10)).toBe('2026-08-31');
  });

  it('answers a redelivered batch with duplicate for every event, storing nothing twice', async () => {
    const before = await counts(inOrder);
    const sum = await checksum(inOrder.database.db);
    const again = await send(inOrder, events);
    expect(again.results.map((r) => r.status)).toEqual(events.map(() => 'duplicate'));
    expect(again.summary).toEqual({ accepted: 0, duplicate: events.length, conflict: 0, rejected: 0, parked: 0 });
    // a redelivery need not be byte-identical: another key order is the same event
    const reordered = events.map((e) => Object.fromEntries(Object.entries(e).reverse()));
    expect((await send(inOrder, reordered)).results.map((r) => r.status)).toEqual(events.map(() => 'duplicate'));
    expect(await counts(inOrder)).toEqual(before);
    await projected(inOrder);
    expect(await checksum(inOrder.database.db)).toBe(sum);
  });

  it.each([
    ['other data', (e: CloudEvent) => ({ ...e, data: { ...(e.data as object), lessonId: 'L-CHANGED' } })],
    ['another time', (e: CloudEvent) => ({ ...e, time: at(4) })],
  ])('answers the same id with %s as a conflict, keeps the stored event, and dead-letters the newcomer with its bytes', async (_what, change) => {
    const original = events[1] as CloudEvent;
    const changed = change(original);
    const before = await counts(inOrder);
    const answer = await send(inOrder, [changed]);
    expect(answer.results).toEqual([expect.objectContaining({ id: original.id, status: 'conflict' })]);
    expect(await counts(inOrder)).toEqual({ events: before.events, deadLetters: before.deadLetters + 1 });

    const { rows: stored } = await inOrder.database.db.query<{ data: CloudEvent }>('select data from event_store.events where event_id = $1', [original.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data).toMatchObject({ time: original.time, data: { lessonId: 'L-1' } });

    const { rows: letters } = await inOrder.database.db.query<{
      event_id: string;
      status: string;
      school_code: string;
      reasons: { path: string; rule: string }[];
      original: Buffer;
    }>('select event_id, status, school_code, reasons, original from warehouse.dead_letters order by id desc limit 1');
    expect(letters[0]).toMatchObject({
      event_id: original.id,
      status: 'conflict',
      school_code: SCHOOL,
      reasons: [expect.objectContaining({ path: '/id', rule: 'same-id-same-content' })],
    });
    expect(letters[0]?.original.toString('utf8')).toBe(JSON.stringify(changed));
  });
});
