import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigSchema, gatewayService } from './service';

describe('gateway service', () => {
  it('parses the upstream list and rejects a malformed entry by name', () => {
    expect(loadConfig('gateway', gatewayConfigSchema, { UPSTREAM_HEALTH_URLS: 'identity=http://10.0.0.1:3001' }).UPSTREAM_HEALTH_URLS).toEqual([{ name: 'identity', url: 'http://10.0.0.1:3001' }]);
    expect(() => loadConfig('gateway', gatewayConfigSchema, { UPSTREAM_HEALTH_URLS: 'identity=http://a:1,warehouse' })).toThrow(/UPSTREAM_HEALTH_URLS: each entry must be name=http:\/\/host:port, not "warehouse"/);
    expect(() => loadConfig('gateway', gatewayConfigSchema, { PORT: 'http' })).toThrow(ConfigError);
  });

  describe('status page', () => {
    let upstream: Server;
    let running: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;

    beforeAll(async () => {
      upstream = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}'));
      await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
      const { port } = upstream.address() as AddressInfo;
      running = await startService(gatewayService, { PORT: '0', LOG_LEVEL: 'silent', UPSTREAM_HEALTH_URLS: `identity=http://127.0.0.1:${port},assessment=http://127.0.0.1:1` });
    });
    afterAll(async () => {
      await running.close();
      upstream.close();
    });

    it('reports each upstream as the gateway sees it, a dead one included', async () => {
      const body = (await (await fetch(`${running.url}/api/status`)).json()) as { services: { name: string; ready: boolean }[] };
      expect(body.services.map((s) => [s.name, s.ready])).toEqual([
        ['identity', true],
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
