import { actors } from '@educube/oidc/testing';
import { startTestGateway, type TestGateway } from './testing/gateway';

// Region.alerts and Mutation.acknowledgeAlert against the alerts API of both owners (the fakes
// answer it with the alert lib's own decisions).

const AUD = 'educube-gateway';
const haishuOfficer = actors.districtOfficer(AUD, '330203');
const ALERTS =
  '{ region(code: "330203") { alerts { id kind severity status school region source standard itemId message messageEn since raisedAt acknowledgement { by role note } measures { name observed threshold } } } }';
type AlertOut = {
  id: string;
  kind: string;
  severity: string;
  status: string;
  school: string;
  region: string;
  source: string | null;
  standard: string | null;
  itemId: string | null;
  acknowledgement: { by: string; role: string; note: string | null } | null;
  measures: { name: string }[];
};
const ACK = 'mutation Ack($id: ID!, $note: String) { acknowledgeAlert(id: $id, note: $note) { id status acknowledgement { by role note } } }';

describe('GraphQL: alerts of a region, from the warehouse’s and the assessment’s streams', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await startTestGateway();
  });
  afterEach(() => gw.close());

  const alertsOf = async (spec = haishuOfficer, query = ALERTS): Promise<AlertOut[]> => {
    const r = await gw.graphql(spec, query);
    expect(r.body.errors).toBeUndefined();
    return (r.body.data?.['region'] as { alerts: AlertOut[] }).alerts;
  };

  it('merges both owners’ open alerts of the district, most urgent first', async () => {
    const alerts = await alertsOf();
    expect(alerts.map((a) => [a.kind, a.severity, a.school])).toEqual([
      ['INDICATOR_REGRESSION', 'critical', '3302030003'],
      ['INDICATOR_REGRESSION', 'warning', '3302030003'],
      ['REJECT_SPIKE', 'warning', '3302030002'],
      ['SILENT_SOURCE', 'warning', '3302030001'],
    ]);
    expect(alerts.every((a) => a.region === '330203' && a.status === 'RAISED')).toBe(true);
    expect(alerts[1]).toMatchObject({ standard: 'ningxia', itemId: '18' });
    expect(alerts[3]?.measures.map((m) => m.name)).toContain('silentAfterMinutes');
    expect(gw.fakes.calls.filter((c) => c.path === '/v1/alerts').length).toBe(2);
  });

  it('a city officer sees every district’s; a district officer only their own', async () => {
    const city = await alertsOf(actors.cityOfficer(AUD, '330200'), '{ region(code: "330200") { alerts { school } } }');
    expect(city.map((a) => a.school).every((s) => s.startsWith('3302'))).toBe(true);
    const province = await alertsOf(actors.provinceOfficer(AUD), '{ region(code: "330000") { alerts { school } } }');
    expect(province.map((a) => a.school)).toContain('3303020001');
    const other = await gw.graphql(haishuOfficer, '{ region(code: "330302") { alerts { id } } }');
    expect(other.body.data?.['region']).toBeNull();
  });

  it('an officer acknowledges an alert with a note: the owner records who, and the alert stays open', async () => {
    const [star] = await alertsOf();
    const r = await gw.graphql({ ...haishuOfficer, sub: 'officer-7' }, ACK, { id: star!.id, note: '已督促学校整改' });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.['acknowledgeAlert']).toEqual({
      id: star!.id,
      status: 'ACKNOWLEDGED',
      acknowledgement: { by: 'officer-7', role: 'district_officer', note: '已督促学校整改' },
    });
    const call = gw.fakes.calls.find((c) => c.method === 'POST' && c.path.endsWith('/acknowledge'));
    expect(call?.body).toEqual({ district: '330203', by: { subject: 'officer-7', role: 'district_officer' }, note: '已督促学校整改' });
    expect(gw.fakes.world.alerts.assessment.map((e) => e.type)).toContain('AlertAcknowledged');
    expect((await alertsOf())[0]).toMatchObject({ id: star!.id, status: 'ACKNOWLEDGED' });
    // the same officer again is a retry, not a refusal
    expect((await gw.graphql({ ...haishuOfficer, sub: 'officer-7' }, ACK, { id: star!.id })).body.errors).toBeUndefined();
  });

  it('refuses, saying why: acknowledged by someone else (CONFLICT), a blank note (BAD_USER_INPUT)', async () => {
    const [, , spike] = await alertsOf();
    await gw.graphql({ ...haishuOfficer, sub: 'officer-7' }, ACK, { id: spike!.id });
    const second = await gw.graphql({ ...haishuOfficer, sub: 'officer-8' }, ACK, { id: spike!.id });
    expect(second.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('already acknowledged by officer-7'),
      extensions: { code: 'CONFLICT', rule: 'alert.acknowledged' },
    });
    const blank = await gw.graphql(haishuOfficer, ACK, { id: spike!.id, note: '  ' });
    expect(blank.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'note' });
  });

  it('an alert of another district, an unknown one and a made-up id all read as no such alert, and the owner is never asked', async () => {
    const province = await alertsOf(actors.provinceOfficer(AUD), '{ region(code: "330302") { alerts { id } } }');
    const ids = [province[0]!.id, 'silent-source:3302030001:grading:2026-01-01T00:00:00.000Z', 'rejects:3302030001:grading'];
    const answers = await Promise.all(ids.map((id) => gw.graphql(haishuOfficer, ACK, { id })));
    answers.forEach((a, i) =>
      expect(a.body.errors?.[0]).toMatchObject({ message: `no alert ${ids[i]} among the alerts you may see`, extensions: { code: 'NOT_FOUND' } }),
    );
    // only the unknown alert of a visible school reached its owner; another district's school and an id no rule makes did not
    expect(gw.fakes.calls.filter((c) => c.path.endsWith('/acknowledge')).map((c) => c.path)).toEqual([
      '/v1/alerts/silent-source%3A3302030001%3Agrading%3A2026-01-01T00%3A00%3A00.000Z/acknowledge',
    ]);
  });

  it('school staff cannot acknowledge', async () => {
    const [alert] = await alertsOf();
    const r = await gw.graphql(actors.principal(AUD, '3302030003'), ACK, { id: alert!.id });
    expect(r.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(gw.fakes.world.alerts.assessment.map((e) => e.type)).not.toContain('AlertAcknowledged');
  });
});

describe('GraphQL: an acknowledgement is seen at once where region answers are shared', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(undefined, { UPSTREAM_SHARED_MS: '60000' });
  });
  afterAll(() => gw.close());

  it('the next read after acknowledging asks the owners again instead of the shared, now stale, list', async () => {
    const read = async () =>
      (
        (await gw.graphql(haishuOfficer, '{ region(code: "330203") { alerts { id status } } }')).body.data?.['region'] as {
          alerts: { id: string; status: string }[];
        }
      ).alerts;
    const [first] = await read();
    expect((await read())[0]).toEqual(first); // shared: the second read asked nobody
    const r = await gw.graphql(haishuOfficer, ACK, { id: first!.id });
    expect(r.body.errors).toBeUndefined();
    expect((await read()).find((a) => a.id === first!.id)?.status).toBe('ACKNOWLEDGED');
  });
});
