import { LessonCancelledV1, LessonTimetabledV1, LessonTimetabledV2, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore } from '@educube/event-store';
import type { SqlDatabase } from '@educube/postgres';
import { checksum } from '@educube/warehouse-read-models-postgres';
import { Projector } from '../projection/projector';
import { rebuild } from '../projection/rebuild';
import { EVENT_STORE, SQL_DATABASE } from '../storage/storage';
import { startTestWarehouse, type TestWarehouse } from '../testing/warehouse';
import { schoolStream } from './ingestor';

// A contract's second version end to end (issue 16): a school system still on
// LessonTimetabled v1 and one already on v2 are both accepted, each validated against its own
// version and stored as it was sent; the read models, projected incrementally and rebuilt from
// position 0, are the same as when every producer sends v2.

type Answer = {
  summary: Record<string, number>;
  results: { index: number; id: string | null; status: string; position?: string; problems?: { path: string; rule: string }[] }[];
};
const SCHOOL = '3302030001';
const OLD = `/schools/${SCHOOL}/timetabling`;
const NEW = `/schools/${SCHOOL}/timetabling-2`;

/** The same lesson as a v2 producer sends it. */
function asV2(event: CloudEvent, source = NEW): CloudEvent {
  const { teacher, ...rest } = event.data as Record<string, unknown>;
  return { ...event, source, type: LessonTimetabledV2.type, data: { ...rest, teachers: [teacher] } };
}

const at = (day: number, hour = 8) => `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
/** Eight lessons (two rescheduled, one cancelled), all as v1 producers send them. */
const lessonsV1 = (): CloudEvent<string, { teacher: unknown }>[] => [
  ...Array.from({ length: 6 }, (_, i) =>
    anEvent(
      LessonTimetabledV1,
      { lessonId: `VL-${i}`, date: `2026-09-${String(7 + i).padStart(2, '0')}`, subject: i % 2 ? '语文' : '数学' },
      { id: `vers-${i}`, source: OLD, time: at(1 + i) },
    ),
  ),
  anEvent(LessonTimetabledV1, { lessonId: 'VL-1', date: '2026-09-21' }, { id: 'vers-6', source: OLD, time: at(10) }),
  anEvent(LessonTimetabledV1, { lessonId: 'VL-2', date: '2026-09-22', periods: 2 }, { id: 'vers-7', source: OLD, time: at(11) }),
];
const cancellation = (): CloudEvent => anEvent(LessonCancelledV1, { lessonId: 'VL-3' }, { id: 'vers-c', time: at(12) });

async function send(running: TestWarehouse, events: readonly CloudEvent[]): Promise<Answer> {
  const res = await running.post(events, SCHOOL);
  expect(res.status).toBe(200);
  const answer = (await res.json()) as Answer;
  const head = answer.results.reduce((m, r) => (r.position && BigInt(r.position) > m ? BigInt(r.position) : m), 0n);
  if (head > 0n) await running.app.get(Projector).caughtUp(head);
  return answer;
}

describe('LessonTimetabled v1 and v2 producers (embedded store)', () => {
  let mixed: TestWarehouse;
  let allV2: TestWarehouse;
  beforeAll(async () => {
    [mixed, allV2] = await Promise.all([startTestWarehouse({}), startTestWarehouse({})]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([mixed?.close(), allV2?.close()]);
  });

  it('accepts both versions, stores each as sent, projects them alike, and a rebuild from 0 ends where the all-v2 warehouse is', async () => {
    const v1 = lessonsV1();
    // the old system sends the even ones as v1, the new one the odd ones as v2
    const mixedStream = v1.map((e, i) => (i % 2 ? asV2(e) : e));
    const first = await send(mixed, [...mixedStream, cancellation()]);
    expect(first.summary).toMatchObject({ accepted: 9 });
    const second = await send(allV2, [...v1.map((e) => asV2(e)), cancellation()]);
    expect(second.summary).toMatchObject({ accepted: 9 });

    // stored as the producer sent it: v1 with its teacher, v2 with its teachers (a record's data is the whole CloudEvent)
    const stored = await mixed.app.get<EventStore>(EVENT_STORE).readStream(schoolStream(SCHOOL));
    const byId = new Map(stored.map((e) => [e.id, e.data as CloudEvent]));
    expect(byId.get('vers-0')).toMatchObject({ type: LessonTimetabledV1.type, source: OLD, data: { teacher: v1[0]?.data.teacher } });
    expect(byId.get('vers-0')?.data).not.toHaveProperty('teachers');
    expect(byId.get('vers-1')).toMatchObject({ type: LessonTimetabledV2.type, source: NEW, data: { teachers: [v1[1]?.data.teacher] } });

    const db = mixed.app.get<SqlDatabase>(SQL_DATABASE);
    const { rows } = await db.query<{ lesson_id: string; day: string; cancelled: boolean }>(
      'select lesson_id, day::text as day, cancelled from read_models.lessons where school = $1 order by lesson_id',
      [SCHOOL],
    );
    expect(rows.map((r) => `${r.lesson_id} ${r.day}${r.cancelled ? ' cancelled' : ''}`)).toEqual([
      'VL-0 2026-09-07',
      'VL-1 2026-09-21',
      'VL-2 2026-09-22',
      'VL-3 2026-09-10 cancelled',
      'VL-4 2026-09-11',
      'VL-5 2026-09-12',
    ]);

    const incremental = await checksum(db);
    const v2Sum = await checksum(allV2.app.get<SqlDatabase>(SQL_DATABASE));
    const rebuilt = await rebuild(db);
    process.stdout.write(
      `warehouse read models: all-v2 producers ${v2Sum}\nwarehouse read models: mixed v1/v2     ${incremental} (incremental), ${rebuilt.after} (rebuilt from position 0)\n`,
    );
    expect(rebuilt).toMatchObject({ before: incremental, after: incremental, identical: true, events: 9 });
    expect(incremental).toBe(v2Sum);
  }, 60_000);

  it('validates each version against its own schema, and compares resends as sent (never upcast)', async () => {
    const v1 = anEvent(LessonTimetabledV1, { lessonId: 'VL-9' }, { id: 'vers-9', source: OLD, time: at(13) });
    const { teacher, ...withoutTeacher } = v1.data as Record<string, unknown>;
    const answer = await send(mixed, [
      { ...v1, type: LessonTimetabledV2.type }, // a v1 body under the v2 type
      { ...v1, id: 'vers-10', data: { ...withoutTeacher, teachers: [teacher] } }, // a v2 body under the v1 type
      v1,
    ]);
    expect(answer.results.map((r) => [r.status, (r.problems ?? []).map((p) => `${p.path} ${p.rule}`).sort()])).toEqual([
      ['rejected', ['/data/teacher unknown-field', '/data/teachers required']],
      ['rejected', ['/data/teacher required', '/data/teachers unknown-field']],
      ['accepted', []],
    ]);
    // the same v1 again is a duplicate; the same id re-sent as v2 is another payload: a conflict
    const again = await send(mixed, [v1, asV2(v1, OLD)]);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'conflict']);
  }, 60_000);
});
