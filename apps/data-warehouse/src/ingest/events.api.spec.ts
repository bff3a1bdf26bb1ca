import { LessonTimetabledV1, SchoolCalendarPublishedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { Projector } from '../projection/projector';
import { ParkedRetry } from '../warehouse.module';
import { startTestWarehouse } from '../testing/warehouse';

type Answer = { summary: Record<string, number>; results: { index: number; id: string | null; status: string; problems?: { path: string; rule: string }[]; unresolved?: unknown[] }[] };

describe('POST /v1/events (embedded store, open channel)', () => {
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  const send = async (body: unknown): Promise<Answer> => {
    const res = await fetch(`${running.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  const teacher = (n: number) => ({ system: 'timetabling', localId: `T-${String(n).padStart(4, '0')}` });

  beforeAll(async () => {
    running = await startTestWarehouse({});
  }, 60_000);
  afterAll(() => running.close());

  it('answers per event: accepted, duplicate, conflict, rejected with every reason, parked', async () => {
    const ok = anEvent(TeacherAssignedV1, { teacher: teacher(1) }, { time: '2026-09-07T08:00:00+08:00' });
    const calendar = anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030002' });
    const first = await send([ok, calendar]);
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    const unlinked = anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-9999' } });
    const changed = { ...ok, data: { ...ok.data, subjects: ['语文'] } };
    const invalid = { ...anEvent(LessonTimetabledV1), time: 'not a time', subject: '330203001' };
    const answer = await send([ok, changed, invalid, unlinked]);
    expect(answer.results.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'rejected', 'parked']);
    expect(answer.summary).toEqual({ accepted: 0, duplicate: 1, conflict: 1, rejected: 1, parked: 1 });
    expect(answer.results[2]?.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['/time', '/subject']));

    const letters = (await (await fetch(`${running.url}/v1/dead-letters`)).json()) as { deadLetters: { status: string; eventId: string; originalText: string }[] };
    expect(letters.deadLetters.map((l) => l.status).sort()).toEqual(['conflict', 'rejected']);
    expect(JSON.parse(letters.deadLetters.find((l) => l.status === 'conflict')?.originalText ?? '{}')).toEqual(changed);

    const parked = (await (await fetch(`${running.url}/v1/parked`)).json()) as { parked: { eventId: string; reason: string }[] };
    expect(parked.parked).toEqual([expect.objectContaining({ eventId: unlinked.id, reason: 'no person link yet for timetabling/T-9999' })]);
  });

  it('appends a parked event once identity learns the link, and projects it', async () => {
    const late = anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-0777' } });
    expect((await send([late])).results[0]?.status).toBe('parked');
    running.identity.links.set('timetabling/T-0777', 'person-777');
    expect(await running.app.get(ParkedRetry).tick()).toEqual({ appended: 1, stillParked: 1 });
    const again = await send([late]);
    expect(again.results[0]?.status).toBe('duplicate');
    const health = (await (await fetch(`${running.url}/v1/ingestion/health`)).json()) as { storedEvents: number; headPosition: string };
    await running.app.get(Projector).caughtUp(BigInt(health.headPosition));
  });

  it('keeps a refused event of a pretty-printed batch byte for byte as it was sent', async () => {
    const bad = { ...anEvent(LessonTimetabledV1), time: 'soon' };
    const body = `[\n  ${JSON.stringify(anEvent(SchoolCalendarPublishedV1), null, 2)},\n  ${JSON.stringify(bad, null, 4)}\n]`;
    const answer = await send(body);
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    const letters = (await (await fetch(`${running.url}/v1/dead-letters?limit=1`)).json()) as { deadLetters: { eventId: string; originalText: string }[] };
    expect(letters.deadLetters[0]).toMatchObject({ eventId: bad.id, originalText: JSON.stringify(bad, null, 4) });
  });

  it('resubmits a dead letter after the fix (the school registered), and marks the letter with the outcome', async () => {
    const early = anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030099' });
    expect((await send([early])).results[0]).toMatchObject({ status: 'rejected', problems: [{ path: '/subject', rule: 'known-school' }] });
    const { deadLetters } = (await (await fetch(`${running.url}/v1/dead-letters?school=3302030099`)).json()) as { deadLetters: { id: string }[] };
    running.identity.schools.add('3302030099');
    const res = await fetch(`${running.url}/v1/dead-letters/${deadLetters[0]?.id}/resubmit`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ summary: { accepted: 1 }, results: [{ id: early.id, status: 'accepted' }] });
    const after = (await (await fetch(`${running.url}/v1/dead-letters?school=3302030099`)).json()) as { deadLetters: { resubmittedAt: string | null; resubmitOutcome: string }[] };
    expect(after.deadLetters[0]?.resubmittedAt).not.toBeNull();
    expect(JSON.parse(after.deadLetters[0]?.resubmitOutcome ?? '{}')).toMatchObject({ accepted: 1 });
  });

  it('keeps one dead letter for a refusal delivered twice (a redelivery after a crash)', async () => {
    const bad = { ...anEvent(LessonTimetabledV1), subject: '3302039999' };
    await send([bad]);
    await send([bad]);
    const letters = (await (await fetch(`${running.url}/v1/dead-letters`)).json()) as { deadLetters: { eventId: string }[] };
    expect(letters.deadLetters.filter((l) => l.eventId === bad.id)).toHaveLength(1);
  });

  it.each([
    ['an empty body', '', 'non-empty'],
    ['a body that is not JSON', '{"specversion": "1.0",', 'json'],
    ['a JSON value that is no event', '42', 'json-array'],
  ])('refuses %s as a whole with its rule, and keeps its bytes', async (_what, body, rule) => {
    const res = await fetch(`${running.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ rule }] });
  });

  it('refuses invalid UTF-8 naming the byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    const res = await fetch(`${running.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ rule: 'utf-8', value: 8 }] });
  });

  it('refuses an oversized batch with 413', async () => {
    const res = await fetch(`${running.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: 1_001 }, () => ({}))) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ problems: [{ rule: 'max-batch', value: 1001 }] });
  });
});
