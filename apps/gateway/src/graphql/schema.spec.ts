import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Allow } from '@educube/service-kit';
import { buildSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { describeFields, fieldAccess, rootFieldsWithoutDeclaration } from './access-table';
import { RESOLVERS } from './graphql.module';
import { startTestGateway, type TestGateway } from './testing/gateway';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');
const ACCESS_FILE = join(__dirname, '..', '..', 'GRAPHQL-PERMISSIONS.txt');
const update = process.env['UPDATE_SCHEMA'] === '1';

const committed = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

describe('the GraphQL schema as committed', () => {
  let gw: TestGateway;
  let sdl: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    sdl = `${printSchema(lexicographicSortSchema(gw.running.app.get(GraphQLSchemaHost).schema))}\n`;
  });
  afterAll(() => gw.close());

  it('is the schema the gateway serves (UPDATE_SCHEMA=1 rewrites schema.graphql; breaking changes are listed)', () => {
    if (update) writeFileSync(SCHEMA_FILE, sdl);
    const before = committed(SCHEMA_FILE);
    if (before === sdl) return;
    const breaking = before
      ? findBreakingChanges(buildSchema(before), buildSchema(sdl)).map((c) => `BREAKING ${c.type}: ${c.description}`)
      : ['no schema.graphql committed'];
    const dangerous = before ? findDangerousChanges(buildSchema(before), buildSchema(sdl)).map((c) => `dangerous ${c.type}: ${c.description}`) : [];
    throw new Error(
      `the served schema differs from apps/gateway/schema.graphql:\n${[...breaking, ...dangerous].join('\n') || '(additions only)'}\nIf meant, run with UPDATE_SCHEMA=1 and commit; a breaking change needs a deprecation first.`,
    );
  });

  it('declares who may read every field that has a resolver, as committed in GRAPHQL-PERMISSIONS.txt', () => {
    const fields = fieldAccess(RESOLVERS);
    expect(fields.filter((f) => !f.access).map((f) => f.field)).toEqual([]);
    expect(rootFieldsWithoutDeclaration(gw.running.app.get(GraphQLSchemaHost).schema, fields)).toEqual([]);
    const text = describeFields(fields);
    if (update) writeFileSync(ACCESS_FILE, text);
    expect(text).toBe(committed(ACCESS_FILE));
  });
});

// What the check above would say of a resolver that forgot its declaration.
@Resolver()
class ForgetfulResolver {
  @Allow(['province_officer'], 'declared')
  @Query(() => String)
  declared(): string {
    return 'ok';
  }

  @Query(() => String)
  forgotten(@Args('code', { type: () => ID }) code: string): string {
    return code;
  }
}

describe('a field without an access declaration', () => {
  it('is named by the check, so the build fails', () => {
    const fields = fieldAccess([ForgetfulResolver]);
    expect(fields.filter((f) => !f.access).map((f) => f.field)).toEqual(['Query.forgotten']);
    expect(describeFields(fields)).toContain('Query.forgotten                      UNDECLARED');
  });
});
