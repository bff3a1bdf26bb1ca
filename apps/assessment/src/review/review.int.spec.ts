import { createHash } from 'node:crypto';
import { SchoolRegisteredV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { EvidenceService } from '../evidence/evidence.service';
import { rebuildEvidence } from '../evidence/rebuild';
import { FactsProjection } from '../projection/facts-projection';
import { assessmentService, type AssessmentConfig } from '../service';
import { pdf } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { startStubIdentity, type StubIdentity } from '../testing/identity';

// The review chain on the real servers: the assessment's own PostgreSQL database and Keycloak's
// tokens for the realm's people (cio.school1, officer.haishu 330203, officer.ningbo 330200,
// officer.zhejiang 330000), signed in through the gateway (aud educube-gateway, the people
// audience). The service starts as deployed: identity's answers come over HTTP from a stub
// identity (school 3302030001 in Haishu 330203). Zhejiang's chain is district → city → province.
// A restart on the same database keeps every review, and stored evidence replays to identical digests.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;
const school = '3302030001';
const item = '(一)1.(4)';

async function grant(params: Record<string, string>): Promise<{ access_token: string; id_token?: string }> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(params) });
  const body = (await res.json()) as { access_token?: string; id_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${params['username'] ?? params['client_id']} (${res.status}): ${body.error_description}`);
  return body as { access_token: string; id_token?: string };
}

const login = (username: string) =>
  grant({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username, password: 'Passw0rd!', scope: 'openid' });

describe('review on PostgreSQL with Keycloak tokens', () => {
  let database: FreshDatabase;
  let feed: StubFeed;
  let identity: StubIdentity;
  let running: RunningService<AssessmentConfig> | undefined;
  const tokens: Record<string, string> = {};
  const start = async () => {
    running = await startService(assessmentService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: '2026-12-01',
      OIDC_ISSUER: issuer,
      IDENTITY_URL: identity.url,
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
    return running;
  };
  const call = async (method: string, path: string, who: string | undefined, body?: Buffer | object, contentType = 'application/json') => {
    const res = await fetch(`${running?.url}${path}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body ? { 'content-type': contentType } : {}) },
      ...(body ? { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown> & {
        problems?: { path: string; rule: string }[];
      },
    };
  };
  const itemPath = `/v1/schools/${school}/standards/zhejiang/items/${encodeURIComponent(item)}`;

  beforeAll(async () => {
    database = await freshDatabase('assessment_int');
    feed = await startStubFeed(
      [anEvent(SchoolRegisteredV1, { regionCode: '330203' }, { subject: school }), anEvent(TeacherAssignedV1, {}, { subject: school })],
      100,
    );
    identity = await startStubIdentity([
      { code: school, regionCode: '330203' },
      { code: '3302050001', regionCode: '330205' },
    ]);
    for (const who of ['cio.school1', 'teacher.school1', 'officer.haishu', 'officer.ningbo', 'officer.zhejiang']) {
      const granted = await login(who);
      tokens[who] = granted.access_token;
      // scope=openid: Keycloak answers an ID token too, which must not open the API
      if (who === 'cio.school1' && granted.id_token) tokens['cio.school1 (id token)'] = granted.id_token;
    }
    tokens['timetabling-system'] = (
      await grant({ grant_type: 'client_credentials', client_id: 'timetabling-system', client_secret: 'dev-timetabling-secret' })
    ).access_token;
    await start();
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await feed.close();
    await identity.close();
    await database.drop();
  });

  const recorded = async () => {
    const documents = await database.db.query<{ n: string }>('select count(*)::text as n from assessment_school_documents');
    const events = await database.db.query<{ n: string }>("select count(*)::text as n from event_store.events where stream_id like 'review-%'");
    return { documents: documents.rows[0]?.n, events: events.rows[0]?.n };
  };

  it("refuses without a token, a school system's token and an ID token, and a teacher may not attest; nothing is recorded", async () => {
    const before = await recorded();
    const sheet = `/v1/schools/${school}/standards/zhejiang/sheet`;
    const file = pdf('refused upload');
    for (const [who, status, rule] of [
      [undefined, 401, 'bearer-token'],
      ['timetabling-system', 401, 'wrong-audience'],
      ['cio.school1 (id token)', 401, 'access-token'],
      ['teacher.school1', 403, 'role'],
    ] as const) {
      if (who) expect(tokens[who]).toEqual(expect.any(String));
      const attest = await call('POST', `${itemPath}/attestations`, who, { statement: 's', documents: [] });
      const upload = await call('POST', `/v1/schools/${school}/documents?name=a.pdf`, who, file, 'application/pdf');
      expect({ who, attest: [attest.status, attest.body.problems?.[0]?.rule], upload: [upload.status, upload.body.problems?.[0]?.rule] }).toEqual({
        who,
        attest: [status, rule],
        upload: [status, rule],
      });
      if (status === 401) expect((await call('GET', sheet, who)).status).toBe(401);
    }
    expect(await recorded()).toEqual(before);
    // identity was never asked about a caller the service refused
    expect(identity.requests).toEqual([]);
  });

  it('runs district → city → province on the real store, and the province column is met only at the end', async () => {
    const file = pdf('等保2.0 测评报告 (integration test)');
    const up = await call('POST', `/v1/schools/${school}/documents?name=report.pdf`, 'cio.school1', file, 'application/pdf');
    expect(up.status).toBe(201);
    expect(up.body['sha256']).toBe(createHash('sha256').update(file).digest('hex'));
    // HTML is no evidence, whatever it is declared as
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    expect((await call('POST', `/v1/schools/${school}/documents?name=x.html`, 'cio.school1', html, 'text/html')).body.problems?.[0]?.rule).toBe(
      'media-type.allowed',
    );
    expect((await call('POST', `/v1/schools/${school}/documents?name=x.pdf`, 'cio.school1', html, 'application/pdf')).body.problems?.[0]?.rule).toBe(
      'media-type.matches-content',
    );
    // the reviewing officer downloads it as an attachment; the school's teacher may not
    const down = await call('GET', `/v1/schools/${school}/documents/${String(up.body['sha256'])}`, 'officer.haishu');
    expect([
      down.status,
      down.headers.get('content-disposition')?.split(';')[0],
      down.headers.get('x-content-type-options'),
      down.headers.get('content-security-policy'),
    ]).toEqual([200, 'attachment', 'nosniff', "sandbox; default-src 'none'"]);
    expect(down.text).toBe(file.toString('utf8'));
    expect((await call('GET', `/v1/schools/${school}/documents/${String(up.body['sha256'])}`, 'teacher.school1')).status).toBe(403);
    const attested = await call('POST', `${itemPath}/attestations`, 'cio.school1', { statement: '已通过等保2.0三级测评', documents: [up.body] });
    expect(attested.status).toBe(201);
    // identity decided who sees the school (upload, download) and placed it for the review chain (attest)
    expect(identity.requests).toEqual(expect.arrayContaining([`GET /v1/schools/${school}`, 'POST /v1/access/visible-schools']));
    const attestationId = attested.body['attestationId'] as string;
    const sheetMet = async (column: string) => {
      const { body } = await call('GET', `/v1/schools/${school}/standards/zhejiang/sheet?column=${column}`, 'officer.zhejiang');
      return (body['rows'] as { itemId: string; met: boolean }[]).find((r) => r.itemId === item)?.met;
    };
    const steps: [string, string][] = [
      ['officer.haishu', 'district'],
      ['officer.ningbo', 'city'],
      ['officer.zhejiang', 'province'],
    ];
    for (const [who, level] of steps) {
      expect(await sheetMet(level)).toBe(false);
      const res = await call('POST', `${itemPath}/reviews`, who, { attestationId, level, decision: 'accepted', comment: `${level} ok` });
      expect(res.status).toBe(201);
      expect(await sheetMet(level)).toBe(true);
    }
    // haishu is a district officer: the city level is not theirs
    const wrong = await call('POST', `${itemPath}/reviews`, 'officer.haishu', { attestationId, level: 'city', decision: 'rejected', comment: 'no' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.problems?.[0]).toMatchObject({ rule: 'role.notAtLevel' });
    const state = await call('GET', `/v1/schools/${school}/standards/zhejiang/reviews`, 'cio.school1');
    expect((state.body['items'] as { status: string }[])[0]?.status).toMatch(/review complete$/);
    expect(state.body['history']).toHaveLength(4);
    // a school outside Haishu is not the Haishu officer's, by identity's tree
    expect((await call('GET', `/v1/schools/3302050001/standards/zhejiang/sheet`, 'officer.haishu')).body.problems?.[0]?.rule).toBe('scope.cover');
  });

  it('keeps every review across a restart, and stored evidence replays to identical digests', async () => {
    await running?.app.get(EvidenceService).refresh();
    await running?.close();
    running = undefined;
    const { rows } = await database.db.query<{ n: string }>("select count(*)::text as n from event_store.events where stream_id like 'review-%'");
    expect(rows[0]?.n).toBe('4');
    await start();
    const state = await call('GET', `/v1/schools/${school}/standards/zhejiang/reviews`, 'officer.haishu');
    expect(state.body['history']).toHaveLength(4);
    const result = await rebuildEvidence(database.db);
    expect(result.rows).toBeGreaterThan(200);
    expect(result).toMatchObject({ identical: result.rows, different: [] });
  });
});
