import { actors } from '@educube/oidc/testing';
import { MAX_OPERATION_NAMES, operationLabel } from './metrics';
import { startTestGateway, type TestGateway } from './testing/gateway';

describe('operation labels', () => {
  it('keeps the first names seen, and collapses anonymous, malformed and later ones', () => {
    const seen = new Set<string>();
    expect(operationLabel('Overview', seen)).toBe('Overview');
    expect(operationLabel(undefined, seen)).toBe('anonymous');
    expect(operationLabel('not a name!', seen)).toBe('other');
    for (let i = 0; i < MAX_OPERATION_NAMES; i += 1) operationLabel(`Op${i}`, seen);
    expect(operationLabel('OneTooMany', seen)).toBe('other');
    expect(operationLabel('Overview', seen)).toBe('Overview');
  });
});

describe('GraphQL operation latency on /metrics', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('observes each operation by name and type', async () => {
    await gw.graphql(actors.provinceOfficer('educube-gateway'), 'query Regions { regions { code } }');
    await gw.graphql(actors.provinceOfficer('educube-gateway'), '{ regions { code } }');
    await gw.graphql(actors.provinceOfficer('educube-gateway'), 'query Broken { regions { nope } }');
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    const count = (operation: string, type: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith('educube_graphql_operation_seconds_count{') && l.includes(`operation="${operation}"`) && l.includes(`type="${type}"`))
        ?.split(' ')[1];
    expect(count('Regions', 'query')).toBe('1');
    expect(count('anonymous', 'query')).toBe('1');
    expect(count('unknown', 'unknown')).toBe('1');
  });
});
