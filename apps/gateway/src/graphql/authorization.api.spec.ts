import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actors, type TestTokenSpec } from '@educube/oidc/testing';
import { cursorOf } from './visibility';
import { startTestGateway, type TestGateway } from './testing/gateway';

const AUD = 'educube-gateway';

// Who asks, with the region or school that is theirs and one that is not.
const CALLERS: { name: string; spec: TestTokenSpec; own: { region?: string; school: string }; other: { region?: string; school: string } }[] = [
  {
    name: 'province_officer 330000',
    spec: actors.provinceOfficer(AUD),
    own: { region: '330302', school: '3303020001' },
    other: { region: '320000', school: '3201020001' },
  },
  {
    name: 'city_officer 330200',
    spec: actors.cityOfficer(AUD, '330200'),
    own: { region: '330212', school: '3302120002' },
    other: { region: '330300', school: '3303020001' },
  },
  {
    name: 'district_officer 330203',
    spec: actors.districtOfficer(AUD, '330203'),
    own: { region: '330203', school: '3302030002' },
    other: { region: '330302', school: '3303020001' },
  },
  { name: 'principal 3302030001', spec: actors.principal(AUD, '3302030001'), own: { school: '3302030001' }, other: { region: '330203', school: '3302030002' } },
  { name: 'cio 3302030001', spec: actors.cio(AUD, '3302030001'), own: { school: '3302030001' }, other: { region: '330203', school: '3303020001' } },
  { name: 'teacher 3302030001', spec: actors.teacher(AUD, '3302030001'), own: { school: '3302030001' }, other: { region: '330203', school: '3302120001' } },
];

type Outcome = string;
const outcomeOf = (r: Awaited<ReturnType<TestGateway['graphql']>>, field: string): Outcome => {
  if (r.status !== 200) return `HTTP ${r.status}`;
  const error = r.body.errors?.[0];
  if (error) return `error ${String(error.extensions?.['code'] ?? '')}`.trim();
  const value = r.body.data?.[field];
  if (value === null) return 'null';
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'data';
};

describe('GraphQL authorization: every top-level field × role × own and other region', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const ask = (spec: TestTokenSpec | undefined, query: string, variables?: Record<string, unknown>) => gw.graphql(spec, query, variables);

  it('answers each caller only what is theirs', async () => {
    const rows: string[] = [];
    const expected: Record<string, Record<string, Outcome>> = {};
    for (const c of CALLERS) {
      const officer = c.name.includes('officer');
      const got = {
        me: outcomeOf(await ask(c.spec, '{ me { subject role } }'), 'me'),
        regions: outcomeOf(await ask(c.spec, '{ regions { code } }'), 'regions'),
        'region(own)': c.own.region ? outcomeOf(await ask(c.spec, 'query($c: ID!) { region(code: $c) { code } }', { c: c.own.region }), 'region') : 'n/a',
        'region(other)': outcomeOf(await ask(c.spec, 'query($c: ID!) { region(code: $c) { code } }', { c: c.other.region }), 'region'),
        'school(own)': outcomeOf(await ask(c.spec, 'query($c: ID!) { school(code: $c) { code } }', { c: c.own.school }), 'school'),
        'school(other)': outcomeOf(await ask(c.spec, 'query($c: ID!) { school(code: $c) { code } }', { c: c.other.school }), 'school'),
      };
      expected[c.name] = {
        me: 'data',
        regions: officer ? '1 item' : 'error FORBIDDEN',
        'region(own)': officer ? 'data' : 'n/a',
        'region(other)': officer ? 'null' : 'error FORBIDDEN',
        'school(own)': 'data',
        'school(other)': 'null',
      };
      rows.push(`| ${c.name} | ${Object.values(got).join(' | ')} |`);
      expect({ caller: c.name, ...got }).toEqual({ caller: c.name, ...expected[c.name] });
    }
    for (const [name, spec] of [
      ['school_system (token for the gateway)', { ...actors.schoolSystem('3302030001'), aud: AUD }],
      ['school_system (its ingest token)', actors.schoolSystem('3302030001')],
      ['hub service token', actors.service('educube-assessment', AUD)],
      ['no token', undefined],
      ['expired officer token', { ...actors.provinceOfficer(AUD), expiresIn: -5 }],
      ['forged officer token', { ...actors.provinceOfficer(AUD), forged: true }],
      ['officer token for another audience', actors.provinceOfficer('educube-warehouse')],
    ] as [string, TestTokenSpec | undefined][]) {
      const r = await ask(spec, '{ me { subject } regions { code } }');
      rows.push(`| ${name} | ${['me', 'regions', 'region(own)', 'region(other)', 'school(own)', 'school(other)'].map(() => `HTTP ${r.status}`).join(' | ')} |`);
      expect({ name, status: r.status, data: r.body.data }).toEqual({
        name,
        status: name === 'school_system (token for the gateway)' || name === 'hub service token' ? 403 : 401,
        data: undefined,
      });
    }
    if (process.env['PRINT_MATRIX'] === '1') {
      writeFileSync(
        join(__dirname, '..', '..', '..', '..', 'docs', 'graphql-authorization-matrix.md'),
        `# GraphQL authorization matrix\n\nGenerated by \`PRINT_MATRIX=1\` running apps/gateway/src/graphql/authorization.api.spec.ts; the test asserts every cell.\n\n| caller | me | regions | region(own) | region(other) | school(own) | school(other) |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
      );
    }
  });

  const district = actors.districtOfficer(AUD, '330203');

  it('aliases and fragments reach nothing more than plain fields', async () => {
    const r = await ask(
      district,
      `query { mine: region(code: "330203") { code } theirs: region(code: "330302") { code } ...F s1: school(code: "3302030001") { code } s2: school(code: "3303020002") { code } }
      fragment F on Query { wz: region(code: "330300") { code schoolCount } zj: region(code: "330000") { code } }`,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ mine: { code: '330203' }, theirs: null, wz: null, zj: null, s1: { code: '3302030001' }, s2: null });
  });

  it('nested traversal stops at the edge of the caller’s region', async () => {
    const r = await ask(
      district,
      '{ region(code: "330203") { code parent { code children { code } } children { code } schools(first: 10) { edges { node { code district { code } } } } } }',
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.['region']).toEqual({
      code: '330203',
      parent: null,
      children: [],
      schools: { edges: ['3302030001', '3302030002', '3302030003'].map((code) => ({ node: { code, district: { code: '330203' } } })) },
    });
    const city = await ask(actors.cityOfficer(AUD, '330200'), '{ region(code: "330203") { parent { code parent { code } children { code } } } }');
    expect(city.body.data?.['region']).toEqual({ parent: { code: '330200', parent: null, children: [{ code: '330203' }, { code: '330212' }] } });
  });

  it('a cursor naming another region’s school only moves the start within the caller’s own', async () => {
    const q = 'query($after: String) { region(code: "330203") { schools(first: 5, after: $after) { totalCount edges { node { code } } } } }';
    const foreign = await ask(district, q, { after: cursorOf('3303020003') });
    expect(foreign.body.data?.['region']).toEqual({ schools: { totalCount: 3, edges: [] } });
    const before = await ask(district, q, { after: cursorOf('3301000000') });
    expect((before.body.data?.['region'] as { schools: { edges: unknown[] } }).schools.edges).toHaveLength(3);
    const garbage = await ask(district, q, { after: 'not-a-cursor' });
    expect((garbage.body.data?.['region'] as { schools: { edges: unknown[] } }).schools.edges).toHaveLength(3);
  });

  it('a region outside the caller’s and an unknown one answer alike and cost the services alike', async () => {
    const calls = async (code: string) => {
      const before = gw.fakes.calls.length;
      const r = await ask(district, `query($c: ID!) { region(code: $c) { code schoolCount standing(standard: ningxia) { schools } } }`, { c: code });
      return { body: r.body, upstream: gw.fakes.calls.slice(before).map((c) => c.path) };
    };
    await calls('330203'); // warm the caches both paths share
    const other = await calls('330302');
    const unknown = await calls('339999');
    expect(other.body).toEqual({ data: { region: null } });
    expect(unknown).toEqual(other);
  });

  it('filters by verdict and silence stay within the caller’s schools', async () => {
    const r = await ask(
      district,
      '{ region(code: "330203") { passed: schools(filter: { standard: jiangsu, verdict: "passed" }) { edges { node { code } } } silent: schools(filter: { silent: false }) { totalCount } } }',
    );
    expect(r.body.errors).toBeUndefined();
    const region = r.body.data?.['region'] as { passed: { edges: { node: { code: string } }[] }; silent: { totalCount: number } };
    expect(region.passed.edges.map((e) => e.node.code).every((c) => c.startsWith('330203'))).toBe(true);
    expect(region.silent.totalCount).toBe(3);
  });

  it('school staff reach their own school’s fields, and documents only as CIO or principal', async () => {
    const q = '{ school(code: "3302030001") { code standings { standard } documents { name sha256 } } }';
    const cio = await ask(actors.cio(AUD, '3302030001'), q);
    expect(cio.body.errors).toBeUndefined();
    expect((cio.body.data?.['school'] as { documents: unknown[] }).documents.length).toBeGreaterThan(0);
    const teacher = await ask(actors.teacher(AUD, '3302030001'), q);
    expect(teacher.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']])).toEqual([['school.documents', 'FORBIDDEN']]);
    expect(teacher.body.data).toEqual({ school: null });
  });
});
