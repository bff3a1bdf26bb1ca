import { LessonTimetabledV1, SchoolCalendarPublishedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { actors } from '@educube/oidc/testing';
import { Projector } from '../projection/projector';
import { ParkedRetry } from '../warehouse.module';
import { startTestWarehouse } from '../testing/warehouse';

type Answer = {
  summary: Record<string, number>;
  results: { index: number; id: string | null; status: string; problems?: { path: string; rule: string }[]; unresolved?: unknown[] }[];
};

describe("POST /v1/events (embedded store, a school system's token)", () => {
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  const send = async (body: unknown, school?: string): Promise<Answer> => {
    const res = await running.post(body, school);
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
    // a school system speaks for its own school: each school's events come with its own token
    expect((await send([ok])).results.map((r) => r.status)).toEqual(['accepted']);
    expect((await send([calendar], '3302030002')).results.map((r) => r.status)).toEqual(['accepted']);

    const unlinked = anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-9999' } });
    const changed = { ...ok, data: { ...ok.data, subjects: ['语文'] } };
    const invalid = { ...anEvent(LessonTimetabledV1), time: 'not a time', subject: '330203001' };
    const answer = await send([ok, changed, invalid, unlinked]);
    expect(answer.results.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'rejected', 'parked']);
    expect(answer.summary).toEqual({ accepted: 0, duplicate: 1, conflict: 1, rejected: 1, parked: 1 });
    expect(answer.results[2]?.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['/time', '/subject']));

    const letters = (await (await running.get('/v1/dead-letters')).json()) as { deadLetters: { status: string; eventId: string; originalText: string }[] };
    expect(letters.deadLetters.map((l) => l.status).sort()).toEqual(['conflict', 'rejected']);
    expect(JSON.parse(letters.deadLetters.find((l) => l.status === 'conflict')?.originalText ?? '{}')).toEqual(changed);

    const parked = (await (await running.get('/v1/parked')).json()) as { parked: { eventId: string; reason: string }[] };
    expect(parked.parked).toEqual([expect.objectContaining({ eventId: unlinked.id, reason: 'no person link yet for timetabling/T-9999' })]);
  });

  it('appends a parked event once identity learns the link, and projects it', async () => {
    const late = anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-0777' } });
    expect((await send([late])).results[0]?.status).toBe('parked');
    running.identity.links.set('timetabling/T-0777', 'person-777');
    expect(await running.app.get(ParkedRetry).tick()).toEqual({ appended: 1, stillParked: 1 });
    const again = await send([late]);
    expect(again.results[0]?.status).toBe('duplicate');
    const health = (await (await running.get('/v1/ingestion/health')).json()) as { storedEvents: number; headPosition: string };
    await running.app.get(Projector).caughtUp(BigInt(health.headPosition));
  });

  it('keeps a refused event of a pretty-printed batch byte for byte as it was sent', async () => {
    const bad = { ...anEvent(LessonTimetabledV1), time: 'soon' };
    const body = `[\n  ${JSON.stringify(anEvent(SchoolCalendarPublishedV1), null, 2)},\n  ${JSON.stringify(bad, null, 4)}\n]`;
    const answer = await send(body);
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    const letters = (await (await running.get('/v1/dead-letters?limit=1')).json()) as { deadLetters: { eventId: string; originalText: string }[] };
    expect(letters.deadLetters[0]).toMatchObject({ eventId: bad.id, originalText: JSON.stringify(bad, null, 4) });
  });

  it('resubmits a dead letter after the fix (the school registered), and marks the letter with the outcome', async () => {
    const early = anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030099' });
    expect((await send([early], '3302030099')).results[0]).toMatchObject({ status: 'rejected', problems: [{ path: '/subject', rule: 'known-school' }] });
    const { deadLetters } = (await (await running.get('/v1/dead-letters?school=3302030099', actors.schoolSystem('3302030099'))).json()) as {
      deadLetters: { id: string }[];
    };
    running.identity.schools.add('3302030099');
    // another school's system may not resubmit it, and learns nothing of it
    expect((await running.call(`/v1/dead-letters/${deadLetters[0]?.id}/resubmit`, { method: 'POST' }, actors.schoolSystem('3302030001'))).status).toBe(404);
    const res = await running.call(`/v1/dead-letters/${deadLetters[0]?.id}/resubmit`, { method: 'POST' }, actors.schoolSystem('3302030099'));
    expect(await res.json()).toMatchObject({ summary: { accepted: 1 }, results: [{ id: early.id, status: 'accepted' }] });
    const after = (await (await running.get('/v1/dead-letters?school=3302030099')).json()) as {
      deadLetters: { resubmittedAt: string | null; resubmitOutcome: string }[];
    };
    expect(after.deadLetters[0]?.resubmittedAt).not.toBeNull();
    expect(JSON.parse(after.deadLetters[0]?.resubmitOutcome ?? '{}')).toMatchObject({ accepted: 1 });
  });

  it('keeps one dead letter for a refusal delivered twice (a redelivery after a crash)', async () => {
    const bad = { ...anEvent(LessonTimetabledV1), subject: '3302039999' };
    await send([bad]);
    await send([bad]);
    const letters = (await (await running.get('/v1/dead-letters')).json()) as { deadLetters: { eventId: string }[] };
    expect(letters.deadLetters.filter((l) => l.eventId === bad.id)).toHaveLength(1);
  });

  it.each([
    ['an empty body', '', 'non-empty'],
    ['a body that is not JSON', '{"specversion": "1.0",', 'json'],
    ['a JSON value that is no event', '42', 'json-array'],
  ])('refuses %s as a whole with its rule, and keeps its bytes', async (_what, body, rule) => {
    const res = await running.post(body, undefined, 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ rule }] });
  });

  it('refuses invalid UTF-8 naming the byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    const res = await running.post(bytes, undefined, 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ rule: 'utf-8', value: 8 }] });
  });

  it('refuses an oversized batch with 413', async () => {
    const res = await running.post(JSON.stringify(Array.from({ length: 1_001 }, () => ({}))), undefined, 'application/json');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ problems: [{ rule: 'max-batch', value: 1001 }] });
  });

  describe("read side, scoped by identity's tree", () => {
    type Letters = { deadLetters: { eventId: string; schoolCode: string | null }[] };

    it("files a refusal under the sender's school, never under the school it claims", async () => {
      const claimsElsewhere = anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030002' });
      expect((await send([claimsElsewhere], '3302030003')).results[0]).toMatchObject({ status: 'rejected', problems: [{ rule: 'own-school' }] });
      const { deadLetters } = (await (await running.get('/v1/dead-letters?limit=1000')).json()) as Letters;
      expect(deadLetters.find((l) => l.eventId === claimsElsewhere.id)?.schoolCode).toBe('3302030003');
      // the victim's own system sees nothing of it
      const victim = (await (await running.get('/v1/dead-letters?limit=1000', actors.schoolSystem('3302030002'))).json()) as Letters;
      expect(victim.deadLetters.map((l) => l.eventId)).not.toContain(claimsElsewhere.id);
    });

    it('shows a school system its own school only, and an officer their region only', async () => {
      const own = (await (await running.get('/v1/dead-letters?limit=1000', actors.schoolSystem('3302030003'))).json()) as Letters;
      expect(own.deadLetters.length).toBeGreaterThan(0);
      expect(new Set(own.deadLetters.map((l) => l.schoolCode))).toEqual(new Set(['3302030003']));
      // asking for another school by name changes nothing
      const asked = (await (await running.get('/v1/dead-letters?school=3302030001', actors.schoolSystem('3302030003'))).json()) as Letters;
      expect(asked.deadLetters).toEqual([]);
      const haishu = (await (await running.get('/v1/dead-letters?limit=1000', actors.districtOfficer('educube-gateway', '330203'))).json()) as Letters;
      expect(haishu.deadLetters.length).toBeGreaterThan(0);
      expect(haishu.deadLetters.every((l) => l.schoolCode?.startsWith('330203'))).toBe(true);
      const elsewhere = (await (await running.get('/v1/dead-letters?limit=1000', actors.districtOfficer('educube-gateway', '330102'))).json()) as Letters;
      expect(elsewhere.deadLetters).toEqual([]);
      const parked = (await (await running.get('/v1/parked', actors.cityOfficer('educube-gateway', '330100'))).json()) as { parked: unknown[] };
      expect(parked.parked).toEqual([]);
    });

    it("gives an officer health figures of their region's schools only, without the store's", async () => {
      const health = (await (await running.get('/v1/ingestion/health', actors.districtOfficer('educube-gateway', '330102'))).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ schools: 0, totals: { accepted: 0, deadLetters: 0 }, sources: [], kept: [] });
      expect(health).not.toHaveProperty('storedEvents');
      const mine = (await (await running.get('/v1/ingestion/health', actors.schoolSystem('3302030003'))).json()) as {
        sources: { schoolCode: string }[];
        kept: { schoolCode: string }[];
      };
      expect(new Set([...mine.sources, ...mine.kept].map((s) => s.schoolCode))).toEqual(new Set(['3302030003']));
    });

    it("lets no one but a school system ingest, and refuses the school systems' tokens elsewhere", async () => {
      const event = anEvent(SchoolCalendarPublishedV1);
      const officer = await running.call(
        '/v1/events',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event]) },
        actors.provinceOfficer('educube-gateway'),
      );
      expect(officer.status).toBe(403);
      const service = await running.call(
        '/v1/events',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event]) },
        actors.service('educube-assessment', 'educube-warehouse'),
      );
      expect(service.status).toBe(403);
      expect((await running.get('/v1/feed', actors.schoolSystem())).status).toBe(403);
    });
  });
});
