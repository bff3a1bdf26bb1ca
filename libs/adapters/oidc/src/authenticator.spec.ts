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
    expect(await warehouse.authenticate(await bearer(actors.schoolSystem('3302030001')))).toMatchObject({
      kind: 'person',
      role: 'school_system',
      clientId: 'timetabling-system',
      scope: { kind: 'schools', schoolCodes: ['3302030001'] },
    });
    expect(await warehouse.authenticate(await bearer(actors.districtOfficer('educube-warehouse')))).toMatchObject({
      kind: 'person',
      role: 'district_officer',
      scope: { kind: 'region', regionCode: '330203' },
    });
    expect(await warehouse.authenticate(await bearer(actors.service('educube-assessment', 'educube-warehouse')))).toEqual({
      kind: 'service',
      subject: 'service-account-educube-assessment',
      clientId: 'educube-assessment',
      role: 'hub_service',
      roles: ['hub_service'],
    });
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
    [
      "another service's token (audience educube-identity)",
      async () => bearer(actors.service('educube-warehouse', 'educube-identity')),
      { status: 401, rule: 'wrong-audience' },
    ],
    ['an ID token', async () => bearer({ ...actors.districtOfficer('educube-warehouse'), kind: 'id' }), { status: 401, rule: 'access-token' }],
    [
      'a token with no access-token mark',
      async () => bearer({ ...actors.districtOfficer('educube-warehouse'), kind: 'none' }),
      { status: 401, rule: 'access-token' },
    ],
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

describe('Authenticator: tokens verified lately', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('serves a verified token again without verifying, until it expires (at most a minute)', async () => {
    let now = Date.now();
    let verifications = 0;
    const real = new Authenticator({ issuer: issuer.issuer, audiences: ['educube-warehouse'] });
    const counting = new Authenticator(
      {
        issuer: issuer.issuer,
        audiences: ['educube-warehouse'],
        verifier: {
          verify: async (token: string) => {
            verifications += 1;
            return (await (real as unknown as { keys(): Promise<{ verify(t: string): Promise<unknown> }> }).keys()).verify(token);
          },
        } as never,
      },
      () => now,
    );
    const header = `Bearer ${await issuer.token({ ...actors.districtOfficer('educube-warehouse'), expiresIn: 30 })}`;
    const first = await counting.authenticate(header);
    expect(await counting.authenticate(header)).toBe(first);
    expect(verifications).toBe(1);
    now += 29_000;
    await counting.authenticate(header);
    expect(verifications).toBe(1);
    now += 2_000; // past the token's own expiry by this clock: the entry is gone, the token is checked again
    await counting.authenticate(header);
    expect(verifications).toBe(2);
    // a long-lived token is checked again after a minute all the same
    const long = `Bearer ${await issuer.token({ ...actors.districtOfficer('educube-warehouse'), expiresIn: 3_600 })}`;
    await counting.authenticate(long);
    now += 59_000;
    await counting.authenticate(long);
    expect(verifications).toBe(3);
    now += 2_000;
    await counting.authenticate(long);
    expect(verifications).toBe(4);
  });

  it('keeps nothing it refused', async () => {
    const auth = new Authenticator({ issuer: issuer.issuer, audiences: ['educube-warehouse'] });
    const forged = `Bearer ${await issuer.token({ ...actors.districtOfficer('educube-warehouse'), forged: true })}`;
    await expect(auth.authenticate(forged)).rejects.toMatchObject({ rule: 'bad-signature' });
    await expect(auth.authenticate(forged)).rejects.toMatchObject({ rule: 'bad-signature' });
  });
});
