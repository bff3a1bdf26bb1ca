import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actors } from '@educube/oidc/testing';
import { startTestGateway, type TestGateway } from './testing/gateway';

// Every query and mutation the cockpit sends passes the gateway's own limits (depth, aliases,
// tokens, cost — armor multiplies a list's cost by its `first`). Read as text: the gateway does
// not import the cockpit. The cockpit's alerts list once asked `first: 200`, over the cost limit,
// and was refused on every load (only the live subscription filled the panel).
const AUD = 'educube-gateway';
const source = readFileSync(join(__dirname, '..', '..', '..', 'cockpit', 'src', 'queries.ts'), 'utf8');
const documents = [...source.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => (m[1] as string).trim());
const fragments = documents.filter((d) => d.startsWith('fragment '));
const operations = documents.filter((d) => /^(query|mutation) /.test(d)).map((d) => ({ name: /^(?:query|mutation) (\w+)/.exec(d)?.[1] ?? '?', text: d }));
const variables = { code: '330000', standard: 'jiangsu', id: 'no-such-alert', note: null, after: null, search: null };

describe('the cockpit’s operations against the gateway’s limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reads every operation of the cockpit', () => {
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['Overview', 'AlertsView', 'AcknowledgeAlert', 'SchoolDrill']));
  });

  it.each(operations)('$name passes validation (parse, depth, aliases, tokens, cost)', async ({ text }) => {
    const used = fragments.filter((f) => text.includes(`...${/^fragment (\w+)/.exec(f)?.[1] ?? ''}`));
    const r = await gw.graphql(actors.provinceOfficer(AUD), [text, ...used].join('\n'), variables);
    expect(
      (r.body.errors ?? [])
        .filter((e) => e.extensions?.['code'] === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.['code'] === 'GRAPHQL_PARSE_FAILED')
        .map((e) => e.message),
    ).toEqual([]);
  });
});
