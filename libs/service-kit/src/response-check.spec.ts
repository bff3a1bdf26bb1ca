import { Controller, Get, Header, Module, Post, Res } from '@nestjs/common';
import { z } from 'zod';
import { Public } from './access';
import { baseConfigSchema, ConfigError, portSchema } from './config';
import { Api } from './openapi';
import { answerProblems, isJsonContentType, responseChecksOn } from './response-check';
import { startService, type RunningService } from './service';

const thing = z.object({ name: z.string(), at: z.iso.datetime(), tags: z.array(z.string()) });

@Controller('r')
@Public('a test route')
class AnswerProbe {
  @Api({ response: thing })
  @Get('right')
  right() {
    // a Date leaves as its ISO string: the check reads the answer as the client does
    return { name: 'a', at: new Date(0), tags: ['x'] };
  }

  @Api({ response: thing })
  @Get('wrong')
  wrong() {
    return { name: 1, at: 'yesterday', tags: ['x', 2] };
  }

  @Api({ response: { schema: z.string(), contentType: 'text/csv' } })
  @Get('csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  csv() {
    return 'a,b\n1,2\n';
  }

  @Api({ response: { status: 201, schema: thing } })
  @Post('made')
  made() {
    return { name: 'a', at: '2026-01-01T00:00:00Z', tags: [] };
  }

  @Api({ response: thing })
  @Post('undocumented-status')
  undocumentedStatus() {
    return { name: 'a', at: '2026-01-01T00:00:00Z', tags: [] };
  }

  @Api({ response: { schema: z.object({ ok: z.literal(true) }) }, responses: [{ status: 503, schema: z.object({ ok: z.literal(false) }) }] })
  @Get('either')
  either(@Res({ passthrough: true }) reply: { code(status: number): unknown }) {
    reply.code(503);
    return { ok: false };
  }

  @Get('unmodelled')
  unmodelled() {
    return { anything: true };
  }
}

@Module({ controllers: [AnswerProbe] })
class ProbeModule {}

describe('responseChecksOn', () => {
  it('checks under test, explicitly when asked, never in production', () => {
    expect(responseChecksOn('s', { NODE_ENV: 'test' }, {})).toBe(true);
    expect(responseChecksOn('s', { NODE_ENV: 'development' }, { NODE_ENV: 'test' })).toBe(true);
    expect(responseChecksOn('s', { NODE_ENV: 'development' }, {})).toBe(false);
    expect(responseChecksOn('s', { NODE_ENV: 'development', CHECK_RESPONSES: true }, {})).toBe(true);
    expect(responseChecksOn('s', { NODE_ENV: 'test', CHECK_RESPONSES: false }, {})).toBe(false);
    expect(responseChecksOn('s', { NODE_ENV: 'production' }, { NODE_ENV: 'test' })).toBe(false);
    expect(() => responseChecksOn('s', { NODE_ENV: 'production', CHECK_RESPONSES: true }, {})).toThrow(ConfigError);
  });
});

describe('answerProblems', () => {
  it('knows JSON media types', () => {
    expect(['application/json', 'application/problem+json; charset=utf-8', 'application/cloudevents-batch+json'].every(isJsonContentType)).toBe(true);
    expect(['text/plain', 'text/csv', 'application/jsonl', 'text/html'].some(isJsonContentType)).toBe(false);
  });

  it('leaves unmodelled routes, non-JSON answers and bytes alone', () => {
    expect(answerProblems({}, 200, 42)).toBeUndefined();
    expect(answerProblems({ response: { schema: z.string(), contentType: 'text/plain' } }, 200, 42)).toBeUndefined();
    expect(answerProblems({ response: thing }, 200, Buffer.from('x'))).toBeUndefined();
  });

  it('names each field by its pointer into the answer, and an undocumented status', () => {
    expect(answerProblems({ response: thing }, 200, { name: 'a', at: new Date(0), tags: [1] })).toEqual([
      expect.objectContaining({ path: '/tags/0', rule: 'invalid_type' }),
    ]);
    expect(answerProblems({ response: thing }, 201, { name: 'a', at: new Date(0), tags: [] })).toEqual([
      expect.objectContaining({ path: '', rule: 'status', value: 201 }),
    ]);
    expect(answerProblems({ response: z.object({ items: z.array(thing) }) }, 200, { items: [{ name: 'a', at: new Date(0), tags: [], 'x/y': 1 }] })).toEqual([
      expect.objectContaining({ path: '/items/0/x~1y', rule: 'unrecognized_keys' }),
    ]);
    expect(answerProblems({ response: z.record(z.string(), z.unknown()) }, 200, { any: { thing: 1 } })).toBeUndefined();
    expect(answerProblems({ response: thing }, 200, { name: 'a', at: new Date(0), tags: [] }, 'text/plain')).toEqual([
      expect.objectContaining({ rule: 'content-type' }),
    ]);
  });
});

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });

describe('a started service under test', () => {
  let service: RunningService<z.infer<typeof schema>>;
  beforeAll(async () => {
    service = await startService(
      { name: 'answer-probe', configSchema: schema, imports: () => [ProbeModule], authenticator: () => undefined },
      { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true', NODE_ENV: 'test' },
    );
  });
  afterAll(() => service.close());

  const call = async (path: string, method = 'GET') => {
    const res = await fetch(`${service.url}${path}`, { method });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('sends an answer its schema accepts, as it is', async () => {
    const res = await call('/r/right');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ name: 'a', at: '1970-01-01T00:00:00.000Z', tags: ['x'] });
    expect((await call('/r/made', 'POST')).status).toBe(201);
    expect((await call('/r/unmodelled')).status).toBe(200);
    expect(await call('/r/csv')).toMatchObject({ status: 200, text: 'a,b\n1,2\n' });
  });

  it('checks an answer given with another documented status against that status’s schema', async () => {
    expect(await call('/r/either')).toMatchObject({ status: 503, text: '{"ok":false}' });
  });

  it('answers a drifted answer with a 500 problem naming the route, each pointer and the issue', async () => {
    const res = await call('/r/wrong');
    expect(res.status).toBe(500);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as { type: string; detail: string; problems: { path: string; rule: string }[] };
    expect(body.type).toBe('https://educube.example/problems/response-mismatch');
    expect(body.detail).toContain('GET /r/wrong (AnswerProbe.wrong) answered 200');
    expect(body.problems.map((p) => `${p.path} ${p.rule}`).sort()).toEqual(['/at invalid_format', '/name invalid_type', '/tags/1 invalid_type']);
  });

  it('refuses a success status the route does not document', async () => {
    const res = await call('/r/undocumented-status', 'POST');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toMatchObject({ problems: [{ path: '', rule: 'status', value: 201 }] });
  });

  it('checks the kit’s own routes too', async () => {
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/health/ready')).status).toBe(200);
    expect((await call('/metrics')).status).toBe(200);
    expect((await call('/docs/openapi.json')).status).toBe(200);
    expect((await call('/docs')).status).toBe(200);
  });
});
