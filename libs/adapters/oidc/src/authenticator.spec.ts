import { actors, startTestIssuer, type TestIssuer } from './testing';
import { Authenticator, AuthRefusal, bearerToken } from './authenticator';

describe('Authenticator: bearer header → verified access token → actor', () => {
  let issuer: TestIssuer;
  let warehouse: Authenticator;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    warehouse = new Authenticator({ issuer: issuer.issuer, audiences: ['educube-warehouse', 'educube-ingest'] });
  });
  afterAll(() => issuer.close());

  const refusal = async (header: string | undefined) => {
    try {
      await warehouse.authenticate(header);
    } catch (e) {
      if (e instanceof AuthRefusal) return { status: e.status, rule: e.rule };
      throw e;
    }
    return 'accepted';
  };
  const bearer = async (spec: Parameters<TestIssuer['token']>[0]) => `Bearer ${await issuer.token(spec)}`;

  it('maps a school system, an officer and a service to their actors', async () => {
    expect(await warehouse.authenticate(await bearer(actors.schoolSystem('3302030001')))).toMatchObject({ kind: 'person', role: 'school_system', clientId: 'timetabling-system', scope: { kind: 'schools', schoolCodes: ['3302030001'] } });
    expect(await warehouse.authenticate(await bearer(actors.districtOfficer('educube-warehouse')))).toMatchObject({ kind: 'person', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } });
    expect(await warehouse.authenticate(await bearer(actors.service('educube-assessment', 'educube-warehouse')))).toEqual({ kind: 'service', subject: 'service-account-educube-assessment', clientId: 'educube-assessment', role: 'hub_service', roles: ['hub_service'] });
  });

  it("accepts Keycloak's marking of access tokens (claim typ Bearer) as well as RFC 9068's (header typ at+jwt)", async () => {
    expect(await refusal(await bearer({ ...actors.schoolSystem(), kind: 'bearer' }))).toBe('accepted');
  });

  it.each<[string, () => Promise<string | undefined>, { status: number; rule: string }]>([
    ['no header', async () => undefined, { status: 401, rule: 'bearer-token' }],
    ['Basic credentials', async () => 'Basic dXNlcjpwYXNz', { status: 401, rule: 'bearer-token' }],
    ['an empty bearer', async () => 'Bearer ', { status: 401, rule: 'bearer-token' }],
    ['garbage', async () => 'Bearer not.a.jwt', { status: 401, rule: 'malformed' }],
    ['a forged signature', async () => bearer({ ...actors.schoolSystem(), forged: true }), { status: 401, rule: 'bad-signature' }],
    ['an expired token', async () => bearer({ ...actors.schoolSystem(), expiresIn: -60 }), { status: 401, rule: 'expired' }],
    ['another issuer', async () => bearer({ ...actors.schoolSystem(), iss: 'http://127.0.0.1:1/realms/evil' }), { status: 401, rule: 'wrong-issuer' }],
    ["another service's token (audience educube-identity)", async () => bearer(actors.service('educube-warehouse', 'educube-identity')), { status: 401, rule: 'wrong-audience' }],
    ['an ID token', async () => bearer({ ...actors.districtOfficer('educube-warehouse'), kind: 'id' }), { status: 401, rule: 'access-token' }],
    ['a token with no access-token mark', async () => bearer({ ...actors.districtOfficer('educube-warehouse'), kind: 'none' }), { status: 401, rule: 'access-token' }],
    ['a token with no hub role', async () => bearer({ aud: 'educube-warehouse', roles: ['offline_access'] }), { status: 403, rule: 'known-role' }],
    ['an officer without a region', async () => bearer({ aud: 'educube-warehouse', roles: ['city_officer'] }), { status: 403, rule: 'known-role' }],
  ])('refuses %s', async (_what, header, expected) => {
    expect(await refusal(await header())).toEqual(expected);
  });

  it('reads only a well-formed Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken(['Bearer a', 'Bearer b'])).toThrow(AuthRefusal);
    expect(() => bearerToken('Bearer a b')).toThrow(AuthRefusal);
  });
});
