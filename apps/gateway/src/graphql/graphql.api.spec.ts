import { actors } from '@educube/oidc/testing';
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
    const province = (body.data?.['regions'] as { code: string; schoolCount: number; children: { code: string; children: { code: string; schools: { totalCount: number; edges: { node: { code: string; standings: unknown[] } }[]; pageInfo: { hasNextPage: boolean } } }[] }[] }[])[0];
    expect(province?.code).toBe('330000');
    expect(province?.schoolCount).toBe(9);
    const haishu = province?.children.find((c) => c.code === '330200')?.children.find((d) => d.code === '330203');
    expect(haishu?.schools.totalCount).toBe(3);
    expect(haishu?.schools.edges.map((e) => e.node.code)).toEqual(['3302030001', '3302030002']);
    expect(haishu?.schools.pageInfo.hasNextPage).toBe(true);
    expect(haishu?.schools.edges[0]?.node.standings).toEqual(expect.arrayContaining([{ standard: 'jiangsu', label: 'passed', stars: null }]));
  });
});
