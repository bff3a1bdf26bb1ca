import { Controller, Get, Module, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Allow, Public } from './access';
import { baseConfigSchema, portSchema } from './config';
import { Api, documentedRoutes, KIT_CONTROLLERS, openApiDocument, serviceDocument, ZodBody, ZodQuery } from './openapi';
import { checkOpenApiDocument } from './openapi.check';
import { startService, type RunningService } from './service';

const school = z.object({ code: z.string().regex(/^\d{10}$/), name: z.string() }).meta({ id: 'School' });
const list = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });
const create = z.strictObject({ name: z.string().min(1) });

@Controller('v1/schools')
class SchoolsProbe {
  @Allow(['province_officer'], 'their region only')
  @Api({ summary: 'one school', response: school, errors: [404] })
  @Get(':code')
  one(@Param('code') code: string) {
    return { code, name: 'x' };
  }

  @Allow(['province_officer', 'hub_service'], 'any')
  @Api({ response: z.object({ schools: z.array(school) }) })
  @Get()
  all(@ZodQuery(list) query: z.output<typeof list>) {
    return { schools: [], limit: query.limit };
  }

  @Public('a test')
  @Api({ response: { status: 201, schema: school } })
  @Post()
  add(@ZodBody(create) body: z.output<typeof create>) {
    return { code: '0000000000', name: body.name };
  }
}

@Module({ controllers: [SchoolsProbe] })
class ProbeModule {}

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });
const def = { name: 'openapi-probe', configSchema: schema, imports: () => [ProbeModule], authenticator: () => undefined };

describe('OpenAPI from the routes', () => {
  const doc = openApiDocument({ name: 'probe', version: '1.0.0', controllers: [SchoolsProbe] }) as {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          security: unknown[];
          'x-educube-access': unknown;
          parameters?: { name: string; in: string }[];
          requestBody?: unknown;
          responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
        }
      >
    >;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 with bearer JWT security on protected routes and none on public ones', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/v1/schools/{code}']!['get']!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/schools']!['post']!.security).toEqual([]);
  });

  it("carries each route's access declaration", () => {
    expect(doc.paths['/v1/schools/{code}']!['get']!['x-educube-access']).toEqual({ kind: 'actors', roles: ['province_officer'], scope: 'their region only' });
    expect(doc.paths['/v1/schools']!['post']!['x-educube-access']).toEqual({ kind: 'public', why: 'a test' });
  });

  it('documents the schemas the handlers parse with, and problem+json errors', () => {
    const one = doc.paths['/v1/schools/{code}']!['get']!;
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'code', in: 'path' })]);
    expect(Object.keys(one.responses).sort()).toEqual(['200', '401', '403', '404', '429', '500']);
    expect(one.responses['404']!.content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(doc.paths['/v1/schools']!['get']!.parameters).toEqual([expect.objectContaining({ name: 'limit', in: 'query' })]);
    expect(doc.paths['/v1/schools']!['post']!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, additionalProperties: false } } },
    });
    expect(Object.keys(doc.paths['/v1/schools']!['post']!.responses)).toContain('201');
    expect(doc.components.schemas['ProblemItem']).toBeDefined();
  });

  it('passes the structural check and compiles every schema as JSON Schema 2020-12', () => {
    expect(checkOpenApiDocument(doc)).toEqual([]);
    expect(checkOpenApiDocument({ openapi: '3.0.0', info: {}, paths: { x: {} } })).toEqual(
      expect.arrayContaining([expect.stringContaining('openapi'), expect.stringContaining('paths')]),
    );
  });

  it('lists what it documents in the route table notation', () => {
    expect(documentedRoutes(doc)).toEqual(['GET /v1/schools', 'GET /v1/schools/:code', 'POST /v1/schools']);
  });
});

describe('/docs of a started service', () => {
  let service: RunningService<z.infer<typeof schema>>;
  beforeAll(async () => {
    service = await startService(def, { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true' });
  });
  afterAll(() => service.close());

  it('serves the same document the generator builds, and Swagger UI, without a token', async () => {
    const res = await fetch(`${service.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(serviceDocument(def, service.config))));
    const page = await fetch(`${service.url}/docs`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/docs/swagger-ui-bundle.js');
    expect((await fetch(`${service.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    expect((await fetch(`${service.url}/docs/..%2Fpackage.json`)).status).toBe(404);
  });

  it('documents every route the service serves, and no other', async () => {
    const { permissionSnapshot } = await import('./access');
    const served = permissionSnapshot(service.app)
      .text.trim()
      .split('\n')
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '))
      .sort();
    expect(documentedRoutes(serviceDocument(def, service.config))).toEqual(served);
    expect(KIT_CONTROLLERS.length).toBe(3);
  });

  it('answers 404 in production', async () => {
    const prod = await startService(def, { LOG_LEVEL: 'silent', PORT: '0', NODE_ENV: 'production', ALLOW_NO_ISSUER: 'true' }).catch((e: Error) => e);
    // production refuses to start without an issuer: the controller's own switch is what is left to check
    expect(prod).toBeInstanceOf(Error);
    const { DocsController } = await import('./openapi');
    const docs = new DocsController({ production: true, document: () => ({}) });
    expect(() => docs.openapi()).toThrow(/no API description here/);
  });
});
