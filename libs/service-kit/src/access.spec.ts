import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import { Allow, CurrentActor, Public, type AuthenticatedActor, type Authenticator } from './access';
import { baseConfigSchema, ConfigError, portSchema } from './config';
import { startService, type RunningService } from './service';
import { permissionSnapshot } from './access';
import { expectPermissionsToMatch } from './testing';

@Controller('t')
class ProbeController {
  @Public('a test route anyone may call')
  @Get('open')
  open() {
    return { open: true };
  }

  @Allow(['cio'], 'the caller sees itself')
  @Get('cio')
  cio(@CurrentActor() actor: AuthenticatedActor) {
    return { subject: actor.subject };
  }

  @Allow(['cio'], 'takes a body')
  @Post('upload')
  @HttpCode(200)
  upload(@Body() body: unknown) {
    return { got: typeof body };
  }

  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

class Refused extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly rule: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Tokens are the role name: "cio" is a CIO, "teacher" a teacher, anything else a bad token. */
const authenticator: Authenticator & { calls: number } = {
  calls: 0,
  async authenticate(header) {
    this.calls += 1;
    const token = typeof header === 'string' ? /^Bearer (\w+)$/.exec(header)?.[1] : undefined;
    if (!token) throw new Refused(401, 'bearer-token', 'authorization', 'a bearer token is required');
    if (token !== 'cio' && token !== 'teacher') throw new Refused(401, 'bad-signature', 'authorization', 'signature does not verify');
    return { subject: `${token}-1`, role: token };
  },
};

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });
const def = { name: 'access-probe', configSchema: schema, imports: () => [ProbeModule], authenticator: () => authenticator };

describe('declared access', () => {
  let service: RunningService<z.infer<typeof schema>>;
  beforeAll(async () => {
    service = await startService(def, { LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_PER_MINUTE: '40', REQUEST_TIMEOUT_MS: '1500' });
  });
  afterAll(() => service.close());

  const get = (path: string, token?: string) => fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('opens a public route to anyone, health and metrics included', async () => {
    expect((await get('/t/open')).status).toBe(200);
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
  });

  it('answers 401 without a token and with a bad one, as problem details naming the rule', async () => {
    const none = await get('/t/cio');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({
      status: 401,
      problems: [{ path: '/headers/authorization', rule: 'bearer-token', message: 'a bearer token is required', value: null }],
    });
    expect(await (await get('/t/cio', 'forged')).json()).toMatchObject({ status: 401, problems: [{ rule: 'bad-signature' }] });
  });

  it('answers 403 to a verified caller whose role the route does not allow, and hands the actor to the handler', async () => {
    const teacher = await get('/t/cio', 'teacher');
    expect(teacher.status).toBe(403);
    expect(await teacher.json()).toMatchObject({ problems: [{ rule: 'role' }] });
    expect(await (await get('/t/cio', 'cio')).json()).toEqual({ subject: 'cio-1' });
  });

  it('lists every route with its access, and the snapshot check fails on the undeclared one', () => {
    const { text, undeclared } = permissionSnapshot(service.app);
    expect(text).toMatch(/GET +\/t\/cio +cio — the caller sees itself/);
    expect(text).toMatch(/GET +\/health\/ready +public — probes/);
    expect(undeclared).toEqual(['GET /t/forgotten (ProbeController.forgotten)']);
    expect(() => expectPermissionsToMatch(service.app, '/nonexistent/permissions.txt')).toThrow(/without an access declaration[\s\S]*GET \/t\/forgotten/);
  });

  it('refuses a route that declares no access, even with a valid token', async () => {
    const res = await get('/t/forgotten', 'cio');
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain('leaked');
  });

  it('refuses before reading the body: an anonymous 5 MB upload is answered while the body is still unsent', async () => {
    const answer = await new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        `${service.url}/t/upload`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sentBytes: sent });
          req.destroy();
        },
      );
      req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
      req.write('['); // one byte of five megabytes; the rest never comes
      sent = 1;
    });
    expect(answer).toEqual({ status: 401, sentBytes: 1 });
  });

  it('cuts off a body that trickles in slower than the request timeout', async () => {
    const started = Date.now();
    const status = await new Promise<number | string>((resolve) => {
      const req = httpRequest(
        `${service.url}/t/upload`,
        { method: 'POST', headers: { authorization: 'Bearer cio', 'content-type': 'application/json', 'content-length': '1000' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e) => resolve(`closed: ${e.message}`));
      req.write('[');
    });
    // 408 or a closed socket, within a few timeouts, never the minutes a slow client would like
    expect(String(status)).toMatch(/^(408|closed)/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('limits each caller to its quota, answering 429 with Retry-After, without touching another caller', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await get('/t/cio', 'cio');
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ status: 429, problems: [{ rule: 'rate-limit' }] });
    expect((await get('/t/cio', 'teacher')).status).toBe(403); // another caller still gets its own answer
  });
});

describe('starting without an issuer', () => {
  const noIssuer = { ...def, authenticator: () => undefined };

  it('refuses to start and names OIDC_ISSUER', async () => {
    await expect(startService(noIssuer, { LOG_LEVEL: 'silent', PORT: '0' })).rejects.toThrow(ConfigError);
    await expect(startService(noIssuer, { LOG_LEVEL: 'silent', PORT: '0' })).rejects.toThrow(/OIDC_ISSUER: is required/);
  });

  it('refuses under NODE_ENV=production even with the development flag', async () => {
    await expect(startService(noIssuer, { LOG_LEVEL: 'silent', PORT: '0', NODE_ENV: 'production', ALLOW_NO_ISSUER: 'true' })).rejects.toThrow(/OIDC_ISSUER/);
  });

  it('with the development flag, starts but opens nothing: protected routes answer 401', async () => {
    const running = await startService(noIssuer, { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true' });
    try {
      expect((await fetch(`${running.url}/t/open`)).status).toBe(200);
      const res = await fetch(`${running.url}/t/cio`, { headers: { authorization: 'Bearer cio' } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ problems: [{ rule: 'no-issuer' }] });
    } finally {
      await running.close();
    }
  });
});
