import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { gatewayConfigSchema, gatewayService } from './service';

describe('gateway service', () => {
  it('parses the upstream list and rejects a malformed entry by name', () => {
    expect(loadConfig('gateway', gatewayConfigSchema, { UPSTREAM_HEALTH_URLS: 'identity=http://10.0.0.1:3001' }).UPSTREAM_HEALTH_URLS).toEqual([
      { name: 'identity', url: 'http://10.0.0.1:3001' },
    ]);
    expect(() => loadConfig('gateway', gatewayConfigSchema, { UPSTREAM_HEALTH_URLS: 'identity=http://a:1,warehouse' })).toThrow(
      /UPSTREAM_HEALTH_URLS: each entry must be name=http:\/\/host:port, not "warehouse"/,
    );
    expect(() => loadConfig('gateway', gatewayConfigSchema, { PORT: 'http' })).toThrow(ConfigError);
  });

  describe('status page', () => {
    let upstream: Server;
    let issuer: TestIssuer;
    const seenAuthorization: (string | undefined)[] = [];
    let running: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;

    beforeAll(async () => {
      issuer = await startTestIssuer();
      // one fake upstream plays identity's health and the warehouse's ingestion health, which names schools
      upstream = createServer((req, res) => {
        if (req.url === '/v1/ingestion/health') {
          seenAuthorization.push(req.headers.authorization);
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              storedEvents: 7,
              totals: { accepted: 7, duplicates: 0, conflicts: 0, deadLetters: 1, parked: 0, eventsPerMinute: 1 },
              sources: [{ source: '/schools/3302030001/timetabling', schoolCode: '3302030001', accepted: 7, lastEventTime: '2026-12-01T08:00:00+08:00' }],
              kept: [{ schoolCode: '3302040002', source: '/schools/3302040002/grading', rejects: 1, parked: 0 }],
            }),
          );
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      });
      await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
      const { port } = upstream.address() as AddressInfo;
      running = await startService(gatewayService, {
        PORT: '0',
        LOG_LEVEL: 'silent',
        UPSTREAM_HEALTH_URLS: `identity=http://127.0.0.1:${port},data-warehouse=http://127.0.0.1:${port},assessment=http://127.0.0.1:1`,
        OIDC_ISSUER: issuer.issuer,
        OIDC_CLIENT_SECRET: 'client-secret',
        SESSION_SECRET: 'unit-test-session-secret-0123456789abcdef',
        SERVICE_CLIENT_SECRET: 'service-secret',
      });
    });
    afterAll(async () => {
      await running.close();
      upstream.close();
      await issuer.close();
    });

    it('is public but names no school, and asks the warehouse with its own service token', async () => {
      const text = await (await fetch(`${running.url}/api/status`)).text();
      expect(JSON.parse(text)).toMatchObject({ ingestion: { available: true, totals: { accepted: 7, deadLetters: 1 }, schools: [] } });
      expect(text).not.toMatch(/3302030001|3302040002/);
      expect(seenAuthorization.at(-1)).toMatch(/^Bearer /);
      expect(issuer.issued).toContain('educube-gateway-service→educube-warehouse');
    });

    it('reports each upstream as the gateway sees it, a dead one included', async () => {
      const body = (await (await fetch(`${running.url}/api/status`)).json()) as { services: { name: string; ready: boolean }[] };
      expect(body.services.map((s) => [s.name, s.ready])).toEqual([
        ['identity', true],
        ['data-warehouse', true],
        ['assessment', false],
      ]);
    });

    it('serves the cockpit page', async () => {
      const res = await fetch(`${running.url}/`);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('数据驾驶舱');
    });
  });
});
