import { SchoolRegisteredV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import type { SqlDatabase } from '@educube/postgres';
import { startService, type RunningService } from '@educube/service-kit';
import { FactsProjection } from '../projection/facts-projection';
import { type AssessmentConfig } from '../service';
import { SQL_DATABASE } from '../storage/storage';
import { pdf } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith, PEOPLE_AUD } from '../testing/service';

// Who may call the assessment, with real tokens from a test issuer: the assessment's own
// audience and the people's (gateway) audience, identity's tree for scope (Haishu 330203,
// Jiangbei 330205). Every refused write leaves the documents table and the review streams as
// they were.
const school = '3302030001';
const sheet = `/v1/schools/${school}/standards/zhejiang/sheet`;
const reads = [sheet, `/v1/schools/${school}/standards/ningxia/form`, `/v1/schools/${school}/evidence`, `/v1/schools/${school}/standards/zhejiang/reviews`];
const attestPath = `/v1/schools/${school}/standards/zhejiang/items/${encodeURIComponent('(一)1.(4)')}/attestations`;
const uploadPath = `/v1/schools/${school}/documents?name=plan.pdf`;
const haishu = actors.districtOfficer(ASSESSMENT_AUD, '330203');
const jiangbei = actors.districtOfficer(ASSESSMENT_AUD, '330205');
const cio = actors.cio(ASSESSMENT_AUD, school);

type Problem = { problems?: { path: string; rule: string }[] };

describe('assessment access with real tokens', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;
  let db: SqlDatabase;

  const call = async (method: string, path: string, auth: TestTokenSpec | string | undefined, body?: Buffer | object, contentType = 'application/json') => {
    const authorization = typeof auth === 'string' ? { authorization: auth } : auth ? await issuer.bearer(auth) : {};
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown> & Problem) : undefined;
    return { status: res.status, rule: json?.problems?.[0]?.rule, json, text, headers: res.headers };
  };
  const recorded = async () => ({
    documents: (await db.query<{ n: string }>('select count(*)::text as n from assessment_school_documents')).rows[0]?.n,
    history: ((await call('GET', `/v1/schools/${school}/standards/zhejiang/reviews`, haishu)).json?.['history'] as unknown[]).length,
  });
  /** Tries to upload and to attest as `auth`; both must be refused with `status` and `rule`, and nothing recorded. */
  const refusesWrites = async (auth: TestTokenSpec | string | undefined, status: number, rule: string) => {
    const before = await recorded();
    const upload = await call('POST', uploadPath, auth, pdf('plan'), 'application/pdf');
    const attest = await call('POST', attestPath, auth, {
      statement: 's',
      documents: [{ name: 'plan.pdf', mediaType: 'application/pdf', bytes: 1, sha256: 'a'.repeat(64) }],
    });
    expect([upload.status, upload.rule, attest.status, attest.rule]).toEqual([status, rule, status, rule]);
    expect(await recorded()).toEqual(before);
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed([anEvent(SchoolRegisteredV1, { regionCode: '330203' }, { subject: school })], 10);
    const identity = visibilityFrom([
      { code: school, regionCode: '330203' },
      { code: '3302050001', regionCode: '330205' },
    ]);
    running = await startService(assessmentWith(identity), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
    db = running.app.get<symbol, SqlDatabase>(SQL_DATABASE);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it('answers the school, its covering officers, services and a people-audience token', async () => {
    const readers: TestTokenSpec[] = [
      haishu,
      actors.cityOfficer(ASSESSMENT_AUD, '330200'),
      actors.provinceOfficer(ASSESSMENT_AUD),
      cio,
      actors.principal(ASSESSMENT_AUD, school),
      actors.teacher(ASSESSMENT_AUD, school),
      actors.service('educube-gateway-service', ASSESSMENT_AUD),
      // signed in through the gateway: the people audience
      actors.districtOfficer(PEOPLE_AUD, '330203'),
      actors.cio(PEOPLE_AUD, school),
    ];
    for (const who of readers) {
      for (const path of reads) {
        const res = await call('GET', path, who);
        expect({ who: who.sub, aud: who.aud, path, status: res.status }).toEqual({ who: who.sub, aud: who.aud, path, status: 200 });
      }
    }
  });

  it('gives an officer of another district 403 on the sheet and every read of the school, with no rows', async () => {
    for (const path of reads) {
      const res = await call('GET', path, jiangbei);
      expect({ path, status: res.status, rule: res.rule }).toEqual({ path, status: 403, rule: 'scope.cover' });
      expect(res.json).not.toHaveProperty('rows');
      expect(res.json).not.toHaveProperty('history');
    }
    // nor may they act on it
    const before = await recorded();
    const override = await call('POST', `/v1/schools/${school}/standards/zhejiang/items/1/overrides`, jiangbei, {
      level: 'district',
      met: true,
      reason: 'not mine',
    });
    expect([override.status, override.rule]).toEqual([403, 'scope.cover']);
    expect(await recorded()).toEqual(before);
  });

  it("gives another school's CIO 403 on the sheet, and refuses their writes for this school", async () => {
    const other = actors.cio(ASSESSMENT_AUD, '3302050001');
    const res = await call('GET', sheet, other);
    expect([res.status, res.rule]).toEqual([403, 'scope.cover']);
    const before = await recorded();
    const upload = await call('POST', uploadPath, other, pdf('plan'), 'application/pdf');
    expect([upload.status, upload.rule]).toEqual([403, 'role.notAttesting']);
    expect(await recorded()).toEqual(before);
  });

  it('refuses a school-system token (aud educube-ingest) with 401 wrong-audience, and records nothing', async () => {
    const system = actors.schoolSystem(school);
    const res = await call('GET', sheet, system);
    expect([res.status, res.rule]).toEqual([401, 'wrong-audience']);
    expect(res.text).not.toContain('rows');
    await refusesWrites(system, 401, 'wrong-audience');
    // nor a person's token meant for another service
    expect((await call('GET', sheet, actors.districtOfficer('educube-warehouse', '330203'))).rule).toBe('wrong-audience');
  });

  it('refuses a call without a token with 401 and a WWW-Authenticate challenge, and records nothing', async () => {
    for (const path of [...reads, '/v1/assessment/status', `/v1/schools/${school}/documents/${'a'.repeat(64)}`]) {
      const res = await call('GET', path, undefined);
      expect({ path, status: res.status, rule: res.rule }).toEqual({ path, status: 401, rule: 'bearer-token' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    await refusesWrites(undefined, 401, 'bearer-token');
    await refusesWrites('Basic Y2lvOnBhc3N3b3Jk', 401, 'bearer-token');
  });

  it('refuses an ID token with 401 access-token, and records nothing', async () => {
    const id: TestTokenSpec = { ...cio, kind: 'id' };
    const res = await call('GET', sheet, id);
    expect([res.status, res.rule]).toEqual([401, 'access-token']);
    await refusesWrites(id, 401, 'access-token');
  });

  it('refuses an expired or a forged token with 401, and records nothing', async () => {
    await refusesWrites({ ...cio, expiresIn: -60 }, 401, 'expired');
    await refusesWrites({ ...cio, forged: true }, 401, 'bad-signature');
    expect((await call('GET', sheet, { ...haishu, forged: true })).status).toBe(401);
  });

  it('keeps each route to its roles: teachers and services do not write, only officers and services see the status', async () => {
    await refusesWrites(actors.teacher(ASSESSMENT_AUD, school), 403, 'role');
    await refusesWrites(actors.service('educube-gateway-service', ASSESSMENT_AUD), 403, 'role');
    const status = async (who: TestTokenSpec) => (await call('GET', '/v1/assessment/status', who)).status;
    expect(await status(haishu)).toBe(200);
    expect(await status(actors.service('educube-gateway-service', ASSESSMENT_AUD))).toBe(200);
    expect(await status(cio)).toBe(403);
    expect(await status(actors.teacher(ASSESSMENT_AUD, school))).toBe(403);
  });
});
