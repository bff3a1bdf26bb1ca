import { eventRegistry, fromKafkaRecord, TOPICS } from '@educube/contracts';
import { KafkaJsConsumer, type ReceivedMessage } from '@educube/kafka';
import { startService } from '@educube/service-kit';
import { randomUUID } from 'node:crypto';
import { identityService } from '../service';
import type { RunningIdentity } from '../testing/http';
import { bearer, KEYCLOAK_ISSUER, passwordToken } from '../testing/keycloak';
import { aRegistry, registerRegions } from '../testing/registry';

// Publishing roster facts to the real Kafka broker of scripts/stack, read back by a consumer
// exactly as the warehouse will read them; the province officer signs in at the stack's Keycloak.
const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092';

describe('roster facts on Kafka (real broker, Keycloak tokens)', () => {
  let running: RunningIdentity;
  let province: { authorization: string };
  const post = (path: string, body?: string, type = 'application/json', auth = province) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body }),
    });

  beforeAll(async () => {
    running = await startService(identityService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_DATA_DIR: 'memory://',
      KAFKA_BROKERS: brokers,
      OIDC_ISSUER: KEYCLOAK_ISSUER,
    });
    province = bearer(await passwordToken('officer.zhejiang', 'Passw0rd!'));
    expect((await post('/v1/org/commands', JSON.stringify(registerRegions()))).status).toBe(200);
    expect((await post('/v1/registry/import?effectiveOn=2025-09-01', aRegistry(25), 'text/csv')).status).toBe(200);
  }, 60_000);
  afterAll(() => running?.close());

  it('lets only a province officer publish: a district officer is refused by the declaration, a caller without a token is unauthenticated', async () => {
    const district = bearer(await passwordToken('officer.haishu', 'Passw0rd!'));
    const refused = await post('/v1/roster/publish?asOf=2025-10-08', undefined, undefined, district);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
    expect((await fetch(`${running.url}/v1/roster/publish?asOf=2025-10-08`, { method: 'POST' })).status).toBe(401);
  });

  it('publishes one SchoolRegistered and one HeadcountReported per school, keyed by school, valid when read back', async () => {
    const published = (await (await post('/v1/roster/publish?asOf=2025-10-08')).json()) as { published: number; topic: string };
    expect(published).toEqual({ asOf: '2025-10-08', topic: TOPICS.roster, published: 50 });
    const { events } = (await (await fetch(`${running.url}/v1/roster/events?asOf=2025-10-08`, { headers: province })).json()) as { events: { id: string }[] };
    const ours = new Set(events.map((e) => e.id));

    const consumer = new KafkaJsConsumer({ brokers: brokers.split(','), clientId: 'roster-int', groupId: `roster-int-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([TOPICS.roster], { fromBeginning: true });
    const got = new Map<string, ReceivedMessage>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.size} of ${ours.size} roster events within 60 s`)), 60_000);
      void consumer.run(async (batch) => {
        for (const m of batch) {
          const decoded = fromKafkaRecord(m);
          if (decoded.ok && ours.has(String(decoded.raw['id']))) got.set(String(decoded.raw['id']), m);
        }
        if (got.size === ours.size) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await consumer.disconnect();
    for (const m of got.values()) {
      const decoded = fromKafkaRecord(m);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(eventRegistry.validate(decoded.raw, { now: new Date() })).toMatchObject({ ok: true });
      expect(m.key).toBe(decoded.raw['subject']);
    }
    expect(got.size).toBe(50);
  });
});
