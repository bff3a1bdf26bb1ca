import { createClient, type Client } from 'graphql-ws';
import { actors, type TestTokenSpec } from '@educube/oidc/testing';
import { alertsConfig, decide, evaluateRejectSpike, evolveAll } from '@educube/alerts';
import { aRejectWindow } from '@educube/alerts/testing';
import { startTestGateway, type TestGateway } from './testing/gateway';

const AUD = 'educube-gateway';

describe('GraphQL subscriptions over graphql-ws, under the same scope rule', () => {
  let gw: TestGateway;
  const clients: Client[] = [];
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await gw.close();
  });

  const connect = async (spec: TestTokenSpec | undefined): Promise<Client> => {
    const authorization = spec ? (await gw.issuer.bearer(spec)).authorization : undefined;
    const client = createClient({
      url: `${gw.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };

  /** Collects what a subscription delivers until `until` says enough (or the time is up). */
  const collect = (client: Client, query: string, until: (got: unknown[]) => boolean, ms = 5_000): Promise<{ got: unknown[]; errors: unknown[] }> =>
    new Promise((resolve) => {
      const got: unknown[] = [];
      const errors: unknown[] = [];
      let dispose: () => void = () => undefined;
      const done = () => {
        clearTimeout(timer);
        dispose();
        resolve({ got, errors });
      };
      const timer = setTimeout(done, ms);
      dispose = client.subscribe(
        { query },
        {
          next: (v) => {
            if (v.errors) errors.push(...v.errors);
            if (v.data) got.push(v.data);
            if (until(got) || v.errors) done();
          },
          error: (e) => {
            errors.push(e);
            done();
          },
          complete: done,
        },
      );
    });

  it('a district officer receives their district’s alerts, raised and then acknowledged, and never another district’s', async () => {
    const haishu = await connect(actors.districtOfficer(AUD, '330203'));
    const lucheng = await connect(actors.districtOfficer(AUD, '330302'));
    const q = (region: string) => `subscription { alertRaised(region: "${region}") { id kind school region status } }`;
    const mine = collect(haishu, q('330203'), () => false, 2_500);
    const theirs = collect(lucheng, q('330302'), () => false, 2_500);
    // both districts' schools raise alerts while both listen, and one is acknowledged
    await new Promise((r) => setTimeout(r, 300));
    const at = '2026-12-04T07:30:00.000Z';
    const spikes = evaluateRejectSpike(
      alertsConfig(),
      [
        aRejectWindow({ accepted: 1, rejected: 50 }, undefined, { school: '3303020002', district: '330302', source: 'attendance-card' }),
        aRejectWindow({ accepted: 1, rejected: 50 }, undefined, { school: '3302030003', district: '330203', source: 'attendance-card' }),
      ],
      at,
    );
    const raised = decide(evolveAll(gw.fakes.world.alerts.warehouse), spikes, at);
    gw.fakes.world.alerts.warehouse.push(...raised);
    await new Promise((r) => setTimeout(r, 600));
    const haishuSpike = raised.find((e) => e.data.alertId.includes('3302030003'))!.data.alertId;
    gw.fakes.world.alerts.warehouse.push({
      type: 'AlertAcknowledged',
      version: 1,
      data: { alertId: haishuSpike, by: { subject: 'u-9', role: 'district_officer' }, at },
    });
    const [a, b] = await Promise.all([mine, theirs]);
    const got = (r: { got: unknown[] }) => r.got.map((g) => (g as { alertRaised: { id: string; school: string; status: string } }).alertRaised);
    expect(a.errors).toEqual([]);
    expect(
      got(a)
        .filter((x) => x.id === haishuSpike)
        .map((x) => x.status),
    ).toEqual(['RAISED', 'ACKNOWLEDGED']);
    expect(got(a).every((x) => x.school.startsWith('330203'))).toBe(true);
    expect(got(b).map((x) => x.school)).toContain('3303020002');
    expect(got(b).every((x) => x.school.startsWith('330302'))).toBe(true);
  });

  it('subscribing to another district reads as no such region, exactly as an unknown one', async () => {
    const haishu = await connect(actors.districtOfficer(AUD, '330203'));
    const other = await collect(haishu, 'subscription { ingestionCounters(region: "330302") { region accepted } }', () => true, 2_000);
    const unknown = await collect(haishu, 'subscription { ingestionCounters(region: "339999") { region accepted } }', () => true, 2_000);
    expect(other.got).toEqual([]);
    expect((other.errors[0] as { message: string }).message).toBe('no region 330302 is visible to you');
    expect((unknown.errors[0] as { message: string }).message).toBe('no region 339999 is visible to you');
  });

  it('delivers a region’s ingestion counters to an officer of it', async () => {
    const city = await connect(actors.cityOfficer(AUD, '330200'));
    const r = await collect(city, 'subscription { ingestionCounters(region: "330200") { region accepted rejects parked } }', (got) => got.length > 0);
    const sources = [...gw.fakes.world.ingestion].filter(([school]) => school.startsWith('3302')).flatMap(([, s]) => s);
    const sum = (k: 'accepted' | 'rejects' | 'parked') => sources.reduce((n, s) => n + s[k], 0);
    expect(r.got[0]).toEqual({ ingestionCounters: { region: '330200', accepted: sum('accepted'), rejects: sum('rejects'), parked: sum('parked') } });
    expect(sum('accepted')).toBeGreaterThan(0);
  });

  it('pushes a school’s changed verdict to its own staff, and no other school’s', async () => {
    const principal = await connect(actors.principal(AUD, '3302030001'));
    type Change = { schoolStandingChanged: { school: string; standard: string; label: string } };
    const jiangsu = (got: unknown[]) => got.map((g) => (g as Change).schoolStandingChanged).filter((c) => c.standard === 'jiangsu');
    const own = collect(
      principal,
      'subscription { schoolStandingChanged(school: "3302030001") { school standard label } }',
      (got) => jiangsu(got).length >= 2,
      4_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    // the school's Jiangsu verdict moves (its evidence changed)
    const row = gw.fakes.world.standings.find((r) => r.school === '3302030001' && r.standard === 'jiangsu') as { label: string };
    const before = row.label;
    row.label = before === 'passed' ? 'not-passed' : 'passed';
    const r = await own;
    expect(r.got.every((g) => (g as Change).schoolStandingChanged.school === '3302030001')).toBe(true);
    expect(jiangsu(r.got).map((c) => c.label)).toEqual([before, row.label]);
    const other = await collect(principal, 'subscription { schoolStandingChanged(school: "3302030002") { school } }', () => true, 2_000);
    expect(other.got).toEqual([]);
    expect((other.errors[0] as { message: string }).message).toBe('no school 3302030002 is visible to you');
  });

  it('refuses a connection without a valid person token', async () => {
    for (const spec of [undefined, { ...actors.provinceOfficer(AUD), forged: true }, { ...actors.schoolSystem('3302030001'), aud: AUD }]) {
      const client = await connect(spec);
      const r = await collect(client, 'subscription { ingestionCounters(region: "330000") { region } }', () => true, 2_000);
      expect(r.got).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(String((r.errors[0] as { code?: number; reason?: string }).code)).toBe('4403');
    }
  });
});
