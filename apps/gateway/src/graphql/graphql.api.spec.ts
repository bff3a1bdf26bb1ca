import { actors } from '@educube/oidc/testing';
import { AuditTrail, variablesDigest } from './audit';
import { startTestGateway, type TestGateway } from './testing/gateway';

const AUD = 'educube-gateway';

describe('GraphQL: what officers ask', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('walks the tree from the province down to a page of schools with their standings', async () => {
    const { status, body } = await gw.graphql(
      actors.provinceOfficer(AUD),
      `query Overview { regions { code name level schoolCount children { code name children { code schoolCount schools(first: 2) { totalCount edges { cursor node { code name standings { standard label stars } } } pageInfo { hasNextPage endCursor } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const province = (
      body.data?.['regions'] as {
        code: string;
        schoolCount: number;
        children: {
          code: string;
          children: {
            code: string;
            schools: { totalCount: number; edges: { node: { code: string; standings: unknown[] } }[]; pageInfo: { hasNextPage: boolean } };
          }[];
        }[];
      }[]
    )[0];
    expect(province?.code).toBe('330000');
    expect(province?.schoolCount).toBe(9);
    const haishu = province?.children.find((c) => c.code === '330200')?.children.find((d) => d.code === '330203');
    expect(haishu?.schools.totalCount).toBe(3);
    expect(haishu?.schools.edges.map((e) => e.node.code)).toEqual(['3302030001', '3302030002']);
    expect(haishu?.schools.pageInfo.hasNextPage).toBe(true);
    expect(haishu?.schools.edges[0]?.node.standings).toEqual(expect.arrayContaining([{ standard: 'jiangsu', label: 'passed', stars: null }]));
  });
});

describe('GraphQL: standings of a region', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('gives the verdicts, their trend by month and semester, and each item’s met-rate and its trend', async () => {
    const r = await gw.graphql(
      actors.cityOfficer(AUD, '330200'),
      '{ region(code: "330200") { standing(standard: jiangsu, months: 6) { schools passRate distribution { label count } trend { month semester } semesters { semester } items { itemId rate } itemTrend { month items { itemId met schools rate } } } } }',
    );
    expect(r.body.errors).toBeUndefined();
    const standing = (r.body.data?.['region'] as { standing: Record<string, unknown> }).standing;
    expect(standing['schools']).toBe(6);
    expect(standing['passRate']).toBeCloseTo(3 / 6);
    expect(standing['semesters']).toEqual([{ semester: '2026-2027 第一学期' }]);
    expect(standing['itemTrend']).toEqual([
      { month: '2026-11', items: [{ itemId: '23', met: 1, schools: 6, rate: 1 / 6 }] },
      { month: '2026-12', items: [{ itemId: '23', met: 2, schools: 6, rate: 2 / 6 }] },
    ]);
    expect(gw.fakes.calls.some((c) => c.path === '/v1/regions/330200/standings/items')).toBe(true);
  });
});

describe('GraphQL: Ningxia’s region rulings', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('gives each district’s cap and 第十四条 downgrades with their reasons, only for schools identity places in the region', async () => {
    const r = await gw.graphql(
      actors.districtOfficer(AUD, '330203'),
      '{ region(code: "330203") { ningxiaRulings { year districts { district places heldBack downgraded schools { school starsAfterCap finalStars downgraded history { year stars } reasons } } } } }',
    );
    expect(r.body.errors).toBeUndefined();
    const rulings = (
      r.body.data?.['region'] as {
        ningxiaRulings: {
          year: number;
          districts: { district: string; heldBack: string[]; schools: { school: string; finalStars: number; reasons: string[] }[] }[];
        };
      }
    ).ningxiaRulings;
    expect(rulings.year).toBe(2026);
    expect(rulings.districts).toHaveLength(1);
    const d = rulings.districts[0];
    expect(d).toMatchObject({ district: '330203', heldBack: ['3302030001'] });
    // the assessment's school 3302039999 is in no region of identity's tree: absent, as unknown
    expect(d?.schools.map((s) => s.school)).toEqual(['3302030001', '3302030002', '3302030003']);
    expect(d?.schools[0]).toMatchObject({
      starsAfterCap: 2,
      finalStars: 0,
      downgraded: true,
      history: [
        { year: 2024, stars: 2 },
        { year: 2025, stars: 2 },
      ],
    });
    expect(d?.schools[0]?.reasons[1]).toContain('第十四条');
    expect(gw.fakes.calls.some((c) => c.path === '/v1/regions/330203/ningxia/rulings')).toBe(true);
  });

  it('is not given to an officer of another region', async () => {
    const r = await gw.graphql(actors.districtOfficer(AUD, '330302'), '{ region(code: "330203") { ningxiaRulings { year } } }');
    expect(r.body.data).toEqual({ region: null });
  });
});

describe('GraphQL: a school’s Ningxia form', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('gives the filled 认定表 to its school and its region’s officers, not to others', async () => {
    const q = '{ school(code: "3302030001") { ningxiaForm(format: html) } }';
    const own = await gw.graphql(actors.principal(AUD, '3302030001'), q);
    expect((own.body.data?.['school'] as { ningxiaForm: string }).ningxiaForm).toContain('星级认定表');
    expect(gw.fakes.calls.some((c) => c.path === '/v1/schools/3302030001/standards/ningxia/form')).toBe(true);
    const other = await gw.graphql(actors.districtOfficer(AUD, '330302'), q);
    expect(other.body.data).toEqual({ school: null });
  });
});

describe('GraphQL: batching, limits, audit and bad input', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(undefined, { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '3' });
  });
  afterAll(() => gw.close());

  it('a page of schools with standings, activity and ingestion is one call per kind of figure', async () => {
    await gw.graphql(actors.provinceOfficer(AUD), '{ me { subject } }');
    const before = gw.fakes.calls.length;
    const r = await gw.graphql(
      actors.provinceOfficer(AUD),
      '{ region(code: "330000") { schools(first: 50) { edges { node { code standings { label } activity(from: "2026-11", to: "2026-11") { month } ingestion { accepted } } } } } }',
    );
    expect(r.body.errors).toBeUndefined();
    const edges = (r.body.data?.['region'] as { schools: { edges: unknown[] } }).schools.edges;
    expect(edges).toHaveLength(9);
    const calls = gw.fakes.calls.slice(before).map((c) => `${c.method} ${c.path}`);
    expect(calls.filter((c) => c === 'POST /v1/standings')).toHaveLength(1);
    expect(calls.filter((c) => c === 'POST /v1/activity/schools')).toHaveLength(1);
    expect(calls.filter((c) => c === 'POST /v1/ingestion/schools')).toHaveLength(1);
    expect(gw.fakes.calls.slice(before).every((c) => c.authorized)).toBe(true);
  });

  it('refuses too deep, too many aliases, before any resolver asks a service', async () => {
    const before = gw.fakes.calls.length;
    const deep = await gw.graphql(
      actors.provinceOfficer(AUD),
      '{ region(code: "330000") { children { children { parent { parent { children { code } } } } } } }',
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = await gw.graphql(actors.provinceOfficer(AUD), '{ a: me { subject } b: me { subject } c: me { subject } d: me { subject } }');
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors?.[0]?.message).toMatch(/aliases/i);
    expect(gw.fakes.calls.slice(before).filter((c) => c.path !== '/v1/audit/entries')).toEqual([]);
  });

  it('names the argument and the rule of bad input', async () => {
    const r = await gw.graphql(actors.provinceOfficer(AUD), '{ region(code: "330000", asOf: "2026-13-45") { code } }');
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'asOf must be a date YYYY-MM-DD, not "2026-13-45"',
      extensions: { code: 'BAD_USER_INPUT', argument: 'asOf', rule: 'date' },
    });
    const page = await gw.graphql(actors.provinceOfficer(AUD), '{ region(code: "330000") { schools(first: 1000) { totalCount } } }');
    expect(page.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first', rule: 'range' } });
    const verdict = await gw.graphql(actors.provinceOfficer(AUD), '{ region(code: "330000") { schools(filter: { verdict: "passed" }) { totalCount } } }');
    expect(verdict.body.errors?.[0]).toMatchObject({ extensions: { argument: 'filter.verdict', rule: 'needs-standard' } });
  });

  it('writes who asked what, a digest of the variables and the regions touched to identity’s audit log', async () => {
    await gw.running.app.get(AuditTrail).flush();
    gw.fakes.world.audit.length = 0;
    await gw.graphql(
      actors.districtOfficer(AUD, '330203'),
      'query DistrictOverview($c: ID!) { region(code: $c) { code schools(first: 2) { edges { node { code } } } } }',
      { c: '330203' },
    );
    await gw.running.app.get(AuditTrail).flush();
    expect(gw.fakes.world.audit).toEqual([
      {
        at: expect.any(String),
        actor: 'officer.330203',
        actorRoles: ['district_officer'],
        operation: 'query DistrictOverview',
        variablesDigest: variablesDigest({ c: '330203' }),
        regions: ['330203', '3302030001', '3302030002'],
        outcome: 'allowed',
      },
    ]);
  });
});

describe('GraphQL: a service that cannot answer', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(undefined, { ASSESSMENT_URL: 'http://127.0.0.1:9' });
  });
  afterAll(() => gw.close());

  it('says which service and to retry, keeps the rest of the answer, and tells nothing of its internals', async () => {
    const r = await gw.graphql(
      actors.districtOfficer(AUD, '330203'),
      '{ region(code: "330203") { code schoolCount standing(standard: jiangsu) { schools } } }',
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ region: { code: '330203', schoolCount: 3, standing: null } });
    expect(r.body.errors).toEqual([
      {
        message: 'assessment is unavailable right now; try again',
        path: ['region', 'standing'],
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'assessment' },
      },
    ]);
  });
});

describe('GraphQL: region answers shared between callers', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(undefined, { UPSTREAM_SHARED_MS: '60000' });
  });
  afterAll(() => gw.close());

  it('asks the assessment once for a district that many officers open, and never shares across districts', async () => {
    const before = gw.fakes.calls.length;
    const overview = (code: string) => `{ region(code: "${code}") { standing(standard: jiangsu) { schools distribution { label count } } } }`;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => gw.graphql({ ...actors.districtOfficer(AUD, '330203'), sub: `officer-${i}` }, overview('330203'))),
      gw.graphql(actors.districtOfficer(AUD, '330302'), overview('330302')),
    ]);
    expect(answers.every((a) => a.body.errors === undefined)).toBe(true);
    const standings = gw.fakes.calls
      .slice(before)
      .filter((c) => c.path.endsWith('/standings'))
      .map((c) => c.path);
    expect(standings.sort()).toEqual(['/v1/regions/330203/standings', '/v1/regions/330302/standings']);
    expect(answers[0]?.body.data).toEqual(answers[9]?.body.data);
  });
});
