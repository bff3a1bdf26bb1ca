import { ActivityHeldV1, SchoolRegisteredV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { FactsProjection } from '../projection/facts-projection';
import { type AssessmentConfig } from '../service';
import { pdf } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';

// Ningxia 55 (2分) over the sheet endpoint: "制定学校教育信息化建设与应用规划;制定教育信息化各项规章制度;
// 定期召开专题会议研究学校信息化建设与应用推进工作;将信息化建设与应用工作纳入学校年度考核" — the meetings come
// from the school's events, the plan, the rules and the appraisal from documents. The row shows the
// meetings counted and where the attestation stands; it is met only once both hold.
const school = '6401040001';
const cio = actors.cio(ASSESSMENT_AUD, school);
const district: TestTokenSpec = { ...actors.districtOfficer(ASSESSMENT_AUD, '640104'), sub: 'officer.xingqing' };
const asOf = '2026-11-02';

type Row = {
  itemId: string;
  basis: string;
  value: number | null;
  threshold: number | null;
  met: boolean;
  points: number;
  status: string;
  formulaOrEvidence: string;
};

describe('the sheet endpoint on a derived+attested item (Ningxia 55)', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;
  const call = async (method: string, path: string, actor: TestTokenSpec, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(await issuer.bearer(actor)), ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Record<string, unknown> };
  };
  const sheet = async (column: string) =>
    (await call('GET', `/v1/schools/${school}/standards/ningxia/sheet?asOf=${asOf}&column=${column}`, district)).body as {
      rows: Row[];
      verdict: { total: number };
    };
  const row55 = async (column: string) => (await sheet(column)).rows.find((r) => r.itemId === '55') as Row;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed(
      [
        anEvent(SchoolRegisteredV1, { name: '银川市兴庆区第一小学', regionCode: '640104' }, { subject: school }),
        anEvent(
          ActivityHeldV1,
          {
            activityId: 'M-1',
            kind: '专题会议',
            topics: ['教育信息化'],
            audience: ['staff'],
            mode: '线下',
            level: 'school',
            schoolRole: '主办',
            participants: 12,
            heldOn: '2026-10-15',
          },
          { subject: school },
        ),
      ],
      10,
    );
    running = await startService(assessmentWith(visibilityFrom([{ code: school, regionCode: '640104' }])), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: asOf,
      OIDC_ISSUER: issuer.issuer,
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it('events alone: the meeting is counted, the row waits for the attestation, 0 of 2 points', async () => {
    for (const column of ['self', 'district']) {
      expect(await row55(column)).toMatchObject({
        basis: 'derived+attested',
        value: 1,
        threshold: 1,
        met: false,
        points: 0,
        status: `derived as of ${asOf}: met; not attested`,
      });
    }
    expect((await row55('self')).formulaOrEvidence).toMatch(/专题会议.*规划/);
  });

  it('events and the attestation the district accepted: met with 2 points in the school’s and the district’s columns', async () => {
    const plan = pdf('教育信息化建设与应用规划 (a test document)');
    const up = await call('POST', `/v1/schools/${school}/documents?name=${encodeURIComponent('信息化规划与制度.pdf')}`, cio, plan, 'application/pdf');
    expect(up.status).toBe(201);
    const attested = await call('POST', `/v1/schools/${school}/standards/ningxia/items/55/attestations`, cio, {
      statement: '学校制定了信息化建设与应用规划和规章制度，并纳入年度考核。',
      documents: [up.body],
    });
    expect(attested.status).toBe(201);
    const before = await sheet('self');
    expect(before.rows.find((r) => r.itemId === '55')).toMatchObject({
      met: true,
      points: 2,
      status: expect.stringMatching(new RegExp(`^derived as of ${asOf}: met; submitted, awaiting district`)),
    });
    expect(await row55('district')).toMatchObject({ met: false, points: 0 });

    const accepted = await call('POST', `/v1/schools/${school}/standards/ningxia/items/55/reviews`, district, {
      attestationId: attested.body['attestationId'],
      level: 'district',
      decision: 'accepted',
      comment: '规划、制度、考核齐全',
    });
    expect(accepted.status).toBe(201);
    expect(await row55('district')).toMatchObject({
      basis: 'derived+attested',
      value: 1,
      met: true,
      points: 2,
      status: expect.stringMatching(/: met; accepted by district/),
    });
    // the region has not accepted: its column (the default) still waits
    expect(await row55('region')).toMatchObject({ met: false, points: 0 });
  });

  it('the attestation without the events: another date whose semester has no meeting is not met', async () => {
    const { rows } = (await call('GET', `/v1/schools/${school}/standards/ningxia/sheet?asOf=2027-04-01&column=district`, district)).body as { rows: Row[] };
    expect(rows.find((r) => r.itemId === '55')).toMatchObject({
      basis: 'derived+attested',
      value: 0,
      met: false,
      points: 0,
      status: expect.stringMatching(/^derived as of 2027-04-01: not met; accepted by district/),
    });
  });
});
