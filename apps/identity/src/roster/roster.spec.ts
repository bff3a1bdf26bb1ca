import { eventRegistry, HeadcountReportedV1, SchoolRegisteredV1, type CloudEvent } from '@educube/contracts';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { identityService } from '../service';
import { caller, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type As, type RunningIdentity } from '../testing/http';
import { aRegistry, registerRegions } from '../testing/registry';

type Answer = {
  asOf: string;
  count: number;
  events: CloudEvent<string, { byStage?: { stage: string; teachers: number; students: number; classes: number }[]; name?: string }>[];
};
const on = (effectiveOn: string) => ({ effectiveOn });

// aRow(0) is 3301020001, a primary school in 上城区 with 2 classes per grade
const SCHOOL = '3301020001';

describe('roster facts published for assessment (tokens of a test issuer)', () => {
  let issuer: TestIssuer;
  let running: RunningIdentity;
  let as: ReturnType<typeof caller>;
  // assessment reads the roster as a hub service; the province officer administers it
  let assessment: As;
  let province: As;
  const roster = async (query: string, who: As = assessment) => (await who.get(`/v1/roster/events?${query}`)).json() as Promise<Answer>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    as = caller(issuer, () => running.url);
    assessment = as(actors.service('educube-assessment', [IDENTITY_AUDIENCE, 'educube-warehouse']));
    province = as(actors.provinceOfficer(PEOPLE_AUDIENCE));
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer.issuer });
    expect((await province.post('/v1/org/commands', registerRegions())).status).toBe(200);
    expect((await province.post('/v1/registry/import?effectiveOn=2025-09-01', aRegistry(10), 'text/csv')).status).toBe(200);
    const commands = [
      ...['t1', 't2'].flatMap((id) => [
        { type: 'RegisterPerson', data: { personId: id, kind: 'teacher', ...on('2025-09-01') } },
        {
          type: 'AssignStaff',
          data: { personId: id, placement: { schoolCode: SCHOOL, post: '专任教师', stages: ['小学'], subjects: ['数学'] }, ...on('2025-09-01') },
        },
      ]),
      ...['s1', 's2', 's3'].flatMap((id) => [
        { type: 'RegisterPerson', data: { personId: id, kind: 'student', ...on('2025-09-01') } },
        { type: 'EnrolStudent', data: { personId: id, placement: { schoolCode: SCHOOL, stages: ['小学'], grade: 3, classId: 'c-3-1' }, ...on('2025-09-01') } },
      ]),
      // a teacher who left mid-year is counted before and not after
      { type: 'RecordLeaving', data: { personId: 't2', reason: '调出', ...on('2026-01-15') } },
    ];
    const res = await province.post('/v1/people/commands', { commands });
    if (res.status !== 200) throw new Error(await res.text());
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await issuer?.close();
  });

  it('answers each school as a SchoolRegistered and a HeadcountReported event, every one valid by its contract', async () => {
    const answer = await roster('asOf=2025-12-01');
    expect(answer.count).toBe(20);
    expect(answer.events.filter((e) => e.type === SchoolRegisteredV1.type)).toHaveLength(10);
    for (const e of answer.events) expect(eventRegistry.validate(e, { now: new Date() })).toMatchObject({ ok: true });
    const heads = answer.events.find((e) => e.type === HeadcountReportedV1.type && e.subject === SCHOOL);
    expect(heads?.data.byStage).toEqual([{ stage: '小学', teachers: 2, students: 3, classes: 12 }]);
    expect(heads?.time).toBe('2025-12-01T00:00:00+08:00');
  });

  it('counts heads as of the date asked: the leaver is gone after leaving', async () => {
    const heads = (await roster('asOf=2026-02-01')).events.find((e) => e.type === HeadcountReportedV1.type && e.subject === SCHOOL);
    expect(heads?.data.byStage).toEqual([{ stage: '小学', teachers: 1, students: 3, classes: 12 }]);
  });

  it('gives the same facts the same ids, and a changed figure a new id', async () => {
    const ids = (a: Answer) => a.events.map((e) => e.id);
    const first = await roster('asOf=2025-12-01');
    expect(ids(await roster('asOf=2025-12-01'))).toEqual(ids(first));
    const later = await roster('asOf=2026-02-01');
    const headId = (a: Answer) => a.events.find((e) => e.type === HeadcountReportedV1.type && e.subject === SCHOOL)?.id;
    expect(headId(later)).not.toBe(headId(first));
    expect(new Set(ids(first)).size).toBe(first.events.length);
  });

  it('narrows to a region, and refuses a future date or an unknown region with the reason', async () => {
    const haishu = await roster('asOf=2025-12-01&region=330203');
    expect(new Set(haishu.events.map((e) => e.subject))).toEqual(new Set(['3302030001', '3302030002']));
    const future = await assessment.get('/v1/roster/events?asOf=2999-01-01');
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ problems: [{ path: '/asOf', rule: 'not-future', value: '2999-01-01' }] });
    const unknown = await assessment.get('/v1/roster/events?region=339999');
    expect(unknown.status).toBe(422);
  });

  it('says plainly that publishing needs Kafka when none is configured', async () => {
    const res = await province.post('/v1/roster/publish?asOf=2025-12-01');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ problems: [{ path: '/KAFKA_BROKERS', rule: 'configured' }] });
  });

  it("gives an officer their region's facts only, the province officer the same facts as a service", async () => {
    const whole = await roster('asOf=2025-12-01');
    expect((await roster('asOf=2025-12-01', province)).events.map((e) => e.id)).toEqual(whole.events.map((e) => e.id));
    // the whole tree asked by 海曙区's officer: only their two schools
    const haishu = await roster('asOf=2025-12-01', as(actors.districtOfficer(PEOPLE_AUDIENCE, '330203')));
    expect(new Set(haishu.events.map((e) => e.subject))).toEqual(new Set(['3302030001', '3302030002']));
    expect(haishu.count).toBe(4);
    const ningbo = await roster('asOf=2025-12-01&region=330200', as(actors.cityOfficer(PEOPLE_AUDIENCE, '330200')));
    expect(new Set(ningbo.events.map((e) => e.subject.slice(0, 6)))).toEqual(new Set(['330203', '330205', '330212']));
  });

  it('refuses the roster to school staff and school systems, and publishing to anyone but a province officer', async () => {
    const teacher = await as(actors.teacher(PEOPLE_AUDIENCE, SCHOOL)).get('/v1/roster/events?asOf=2025-12-01');
    expect(teacher.status).toBe(403);
    expect(await teacher.json()).toMatchObject({ problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
    expect((await as(actors.schoolSystem(SCHOOL)).get('/v1/roster/events?asOf=2025-12-01')).status).toBe(401); // educube-ingest is not identity's audience
    expect((await as(undefined).get('/v1/roster/events?asOf=2025-12-01')).status).toBe(401);
    expect((await assessment.post('/v1/roster/publish?asOf=2025-12-01')).status).toBe(403);
    expect((await as(actors.districtOfficer(PEOPLE_AUDIENCE, '330203')).post('/v1/roster/publish?asOf=2025-12-01')).status).toBe(403);
  });
});
