import { createHash } from 'node:crypto';
import { SchoolRegisteredV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { EvidenceService } from '../evidence/evidence.service';
import { rebuildEvidence } from '../evidence/rebuild';
import { FactsProjection } from '../projection/facts-projection';
import { assessmentService, type AssessmentConfig } from '../service';
import { startStubFeed, type StubFeed } from '../testing/feed';

// The review chain on the real servers: the assessment's own PostgreSQL database and Keycloak's
// tokens for the realm's people (cio.school1, officer.haishu 330203, officer.ningbo 330200,
// officer.zhejiang 330000). Zhejiang's chain is district → city → province. A restart on the
// same database keeps every review, and stored evidence replays to identical digests.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;
const school = '3302030001';
const item = '(一)1.(4)';

async function tokenOf(username: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username, password: 'Passw0rd!', scope: 'openid' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${username} (${res.status}): ${body.error_description}`);
  return body.access_token;
}

describe('review on PostgreSQL with Keycloak tokens', () => {
  let database: FreshDatabase;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig> | undefined;
  const tokens: Record<string, string> = {};
  const start = async () => {
    running = await startService(assessmentService, {
      PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: database.url, WAREHOUSE_URL: feed.url, ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: '2026-12-01', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'educube-gateway',
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
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { problems?: { path: string; rule: string }[] } };
  };
  const itemPath = `/v1/schools/${school}/standards/zhejiang/items/${encodeURIComponent(item)}`;

  beforeAll(async () => {
    database = await freshDatabase('assessment_int');
    feed = await startStubFeed([anEvent(SchoolRegisteredV1, { regionCode: '330203' }, { subject: school }), anEvent(TeacherAssignedV1, {}, { subject: school })], 100);
    for (const who of ['cio.school1', 'teacher.school1', 'officer.haishu', 'officer.ningbo', 'officer.zhejiang']) tokens[who] = await tokenOf(who);
    await start();
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await feed.close();
    await database.drop();
  });

  it('refuses without a token, and a teacher may not attest', async () => {
    expect((await call('POST', `${itemPath}/attestations`, undefined, { statement: 's', documents: [] })).status).toBe(401);
    const teacher = await call('POST', `/v1/schools/${school}/documents?name=a.pdf`, 'teacher.school1', Buffer.from('x'), 'application/pdf');
    expect(teacher.status).toBe(403);
    expect((await call('GET', `/v1/schools/${school}/standards/zhejiang/sheet`, undefined)).status).toBe(401);
  });

  it('runs district → city → province on the real store, and the province column is met only at the end', async () => {
    const file = Buffer.from('等保2.0 测评报告 (integration test)');
    const up = await call('POST', `/v1/schools/${school}/documents?name=report.pdf`, 'cio.school1', file, 'application/pdf');
    expect(up.status).toBe(201);
    expect(up.body['sha256']).toBe(createHash('sha256').update(file).digest('hex'));
    const attested = await call('POST', `${itemPath}/attestations`, 'cio.school1', { statement: '已通过等保2.0三级测评', documents: [up.body] });
    expect(attested.status).toBe(201);
    const attestationId = attested.body['attestationId'] as string;
    const sheetMet = async (column: string) => {
      const { body } = await call('GET', `/v1/schools/${school}/standards/zhejiang/sheet?column=${column}`, 'officer.zhejiang');
      return (body['rows'] as { itemId: string; met: boolean }[]).find((r) => r.itemId === item)?.met;
    };
    const steps: [string, string][] = [['officer.haishu', 'district'], ['officer.ningbo', 'city'], ['officer.zhejiang', 'province']];
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
