import { Body, Controller, Get, HttpCode, Module, NotFoundException, Post } from '@nestjs/common';
import { z } from 'zod';
import { Public } from './access';
import { baseConfigSchema, portSchema } from './config';
import { Api, ZodBody, ZodQuery } from './openapi';
import { parseRequest, pointerOf, Problem, problemResponse, zodProblem } from './problem';
import { startService, type RunningService } from './service';

class DomainError extends Error {}
class AwayError extends Error {}

const order = z.strictObject({ items: z.array(z.strictObject({ sku: z.string().regex(/^[A-Z]{3}$/), count: z.number().int().min(1) })).min(1) });
const page = z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) });

@Controller('p')
@Public('a test route')
class ProblemProbe {
  @Api({ response: z.object({ ok: z.boolean() }) })
  @Post('orders')
  @HttpCode(200)
  order(@ZodBody(order) body: z.output<typeof order>) {
    return { ok: body.items.length > 0 };
  }

  @Get('page')
  page(@ZodQuery(page) query: z.output<typeof page>) {
    return query;
  }

  @Get('teapot')
  teapot(): never {
    throw new Problem(409, 'Conflict', 'the pot is brewing', [{ path: 'pot.lid', rule: 'closed', value: 'open' }]);
  }

  @Get('domain')
  domain(): never {
    throw new DomainError('no such school 33');
  }

  @Get('nest')
  nest(): never {
    throw new NotFoundException('no such thing');
  }

  @Get('crash')
  crash(): never {
    throw new Error('password=hunter2 at db.internal:5432');
  }

  @Get('away')
  away(): never {
    throw new AwayError('ECONNREFUSED 127.0.0.1:5432');
  }

  @Post('raw')
  raw(@Body() body: unknown) {
    return body;
  }
}

@Module({ controllers: [ProblemProbe] })
class ProbeModule {}

describe('problem model', () => {
  it('turns dotted paths, header names and claims into JSON Pointers', () => {
    expect(pointerOf('')).toBe('');
    expect(pointerOf('/data/lessonId')).toBe('/data/lessonId');
    expect(pointerOf('commands.0.type')).toBe('/commands/0/type');
    expect(pointerOf(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(pointerOf('authorization')).toBe('/headers/authorization');
    expect(pointerOf('realm_access.roles')).toBe('/token/realm_access/roles');
    expect(pointerOf('(body)')).toBe('');
  });

  it('gives every item a message and a value, and keeps the type URI of the title', () => {
    expect(problemResponse(403, 'Forbidden', 'not yours', [{ path: 'schoolCode', rule: 'in-scope' }])).toEqual({
      type: 'https://educube.example/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'not yours',
      problems: [{ path: '/schoolCode', rule: 'in-scope', message: 'not yours', value: null }],
    });
    expect(new Problem(400, 'Invalid registry file', 'bad', [{ column: '学校标识码', rule: 'ten-digits', value: '1' }]).problems).toEqual([
      { path: '/columns/学校标识码', rule: 'ten-digits', message: 'bad', value: '1' },
    ]);
  });

  it('converts zod issues: pointer from the path, rule from the code (or a custom rule), the input', () => {
    const result = order.safeParse({ items: [{ sku: 'ab', count: 0 }], extra: 1 }, { reportInput: true });
    expect(result.success).toBe(false);
    const problem = zodProblem(result.error!);
    expect(problem.status).toBe(400);
    expect(problem.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/items/0/sku', rule: 'invalid_format', value: 'ab' }),
        expect.objectContaining({ path: '/items/0/count', rule: 'too_small', value: 0 }),
        expect.objectContaining({ path: '', rule: 'unrecognized_keys' }),
      ]),
    );
    const custom = z.string().superRefine((v, ctx) => ctx.addIssue({ code: 'custom', message: 'no', params: { rule: 'known-school' }, input: v }));
    expect(() => parseRequest(z.object({ school: custom }), { school: 'x' }, 'query')).toThrow(Problem);
    try {
      parseRequest(z.object({ 'x-key': z.string() }), {}, 'headers');
    } catch (e) {
      expect((e as Problem).problems[0]).toMatchObject({ path: '/headers/x-key', rule: 'invalid_type' });
    }
  });
});

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });

describe('the one filter of a started service', () => {
  let service: RunningService<z.infer<typeof schema>>;
  beforeAll(async () => {
    service = await startService(
      {
        name: 'problem-probe',
        configSchema: schema,
        imports: () => [ProbeModule],
        authenticator: () => undefined,
        problems: (e) =>
          e instanceof DomainError
            ? new Problem(404, 'Not found', e.message, [{ path: 'code', rule: 'exists' }], 'https://educube.example/problems/unknown-school')
            : e instanceof AwayError
              ? Problem.unavailable('database', e.message, 7, 'nothing was changed.')
              : undefined,
      },
      { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true' },
    );
  });
  afterAll(() => service.close());

  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${service.url}${path}`, init);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  };
  const post = (path: string, body: string) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers a zod refusal of the body with every field as a pointer', async () => {
    const res = await post('/p/orders', JSON.stringify({ items: [{ sku: 'ab', count: 1 }] }));
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'https://educube.example/problems/invalid-request',
      status: 400,
      problems: [{ path: '/items/0/sku', rule: 'invalid_format', value: 'ab', message: expect.any(String) }],
    });
    expect((await post('/p/orders', JSON.stringify({ items: [{ sku: 'ABC', count: 1 }] }))).body).toEqual({ ok: true });
  });

  it('answers a bad query parameter by its name at the root', async () => {
    expect((await call('/p/page?limit=99')).body).toMatchObject({ status: 400, problems: [{ path: '/limit', rule: 'too_big' }] });
    expect((await call('/p/page')).body).toEqual({ limit: 5 });
  });

  it("answers a handler's Problem, the service's own errors, Nest's and Fastify's in the same shape", async () => {
    expect(await call('/p/teapot')).toMatchObject({
      status: 409,
      body: {
        type: 'https://educube.example/problems/conflict',
        problems: [{ path: '/pot/lid', rule: 'closed', message: 'the pot is brewing', value: 'open' }],
      },
    });
    expect(await call('/p/domain')).toMatchObject({
      status: 404,
      body: { type: 'https://educube.example/problems/unknown-school', problems: [{ path: '/code', rule: 'exists' }] },
    });
    expect(await call('/p/nest')).toMatchObject({
      status: 404,
      body: { type: 'https://educube.example/problems/http-404', detail: 'no such thing', problems: [] },
    });
    const unknown = await call('/no/such/route');
    expect(unknown).toMatchObject({
      status: 404,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { type: 'https://educube.example/problems/http-404', status: 404 },
    });
    const notJson = await post('/p/raw', '{"broken');
    expect(notJson).toMatchObject({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { type: 'https://educube.example/problems/http-400', status: 400, detail: expect.any(String) },
    });
  });

  it('answers a dependency that is away with 503, Retry-After and the dependency named', async () => {
    const res = await fetch(`${service.url}/p/away`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({
      type: 'https://educube.example/problems/database-unavailable',
      title: 'Unavailable',
      status: 503,
      detail: 'database is unavailable for now (ECONNREFUSED 127.0.0.1:5432); nothing was changed. Retry after 7 s.',
      problems: [{ path: '', rule: 'database-available', message: expect.any(String), value: null }],
    });
    // other errors carry no Retry-After
    expect((await fetch(`${service.url}/p/crash`)).headers.get('retry-after')).toBeNull();
  });

  it('answers an unexpected error with a 500 that leaks nothing', async () => {
    const res = await call('/p/crash');
    expect(res).toMatchObject({ status: 500, body: { type: 'https://educube.example/problems/internal', title: 'Internal error', problems: [] } });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|db\.internal/);
  });
});
