import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceTokens } from './service-tokens';

/** A token endpoint that counts its calls and hands out numbered tokens; an API that refuses stale ones. */
async function fakeIssuerAndApi(expiresIn: number) {
  let issued = 0;
  let refuseBelow = 0;
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/.well-known/openid-configuration') return void res.end(JSON.stringify({ token_endpoint: `${base}/token` }));
      if (req.url === '/token') {
        calls.push(new URLSearchParams(body).get('resource') ?? '');
        issued += 1;
        return void res.end(JSON.stringify({ access_token: `t${issued}`, expires_in: expiresIn }));
      }
      const n = Number(/^Bearer t(\d+)$/.exec(req.headers.authorization ?? '')?.[1] ?? 0);
      res.writeHead(n > refuseBelow ? 200 : 401).end(String(n));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls, refuseUpTo: (n: number) => (refuseBelow = n), close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('ServiceTokens (client credentials for service-to-service calls)', () => {
  it('fetches one token for concurrent callers, asks for its audience, and reuses it', async () => {
    const fake = await fakeIssuerAndApi(300);
    try {
      const tokens = new ServiceTokens({ issuer: fake.base, clientId: 'educube-assessment', clientSecret: 's', audience: 'educube-warehouse' });
      const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
      expect(all).toEqual(['t1', 't1', 't1']);
      expect(await tokens.token()).toBe('t1');
      expect(fake.calls).toEqual(['urn:educube:educube-warehouse']);
    } finally {
      await fake.close();
    }
  });

  it('renews before expiry', async () => {
    const fake = await fakeIssuerAndApi(60);
    try {
      let now = 0;
      const tokens = new ServiceTokens({ issuer: fake.base, clientId: 'c', clientSecret: 's', audience: 'a', renewBeforeSeconds: 20, now: () => now });
      expect(await tokens.token()).toBe('t1');
      now = 39_000;
      expect(await tokens.token()).toBe('t1');
      now = 41_000; // 60 s lifetime, renewed 20 s before
      expect(await tokens.token()).toBe('t2');
    } finally {
      await fake.close();
    }
  });

  it('on a 401, renews once and retries once', async () => {
    const fake = await fakeIssuerAndApi(300);
    try {
      const tokens = new ServiceTokens({ issuer: fake.base, clientId: 'c', clientSecret: 's', audience: 'a' });
      expect((await tokens.fetch(`${fake.base}/api`)).status).toBe(200);
      fake.refuseUpTo(1); // the API no longer takes t1 (a rotated key, say)
      const res = await tokens.fetch(`${fake.base}/api`);
      expect([res.status, await res.text()]).toEqual([200, '2']);
      fake.refuseUpTo(100); // refuses everything: one retry, then the caller sees the 401
      expect((await tokens.fetch(`${fake.base}/api`)).status).toBe(401);
      expect(fake.calls).toHaveLength(3);
    } finally {
      await fake.close();
    }
  });
});
