import { CookieSigner, parseCookies, serializeCookie } from './signed-cookie';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('signed cookies', () => {
  const signer = new CookieSigner(secret);

  it('round-trips a payload for the purpose it was signed for', () => {
    const value = signer.sign('educube_session', { sub: 'u1', roles: ['district_officer'], exp: inAnHour() });
    expect(signer.verify('educube_session', value)).toMatchObject({ sub: 'u1', roles: ['district_officer'] });
  });

  it('rejects a tampered payload and a tampered signature', () => {
    const value = signer.sign('educube_session', { sub: 'u1', roles: ['teacher'], exp: inAnHour() });
    const [body, mac] = value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ sub: 'u1', roles: ['province_officer'], exp: inAnHour() })).toString('base64url');
    expect(signer.verify('educube_session', `${forged}.${mac}`)).toBeUndefined();
    expect(signer.verify('educube_session', `${body}.${mac.slice(0, -2)}AA`)).toBeUndefined();
    expect(signer.verify('educube_session', `${body}.`)).toBeUndefined();
    expect(signer.verify('educube_session', body)).toBeUndefined();
    expect(signer.verify('educube_session', undefined)).toBeUndefined();
  });

  it('rejects an expired value, and one without exp', () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const value = signer.sign('educube_session', { sub: 'u1', exp });
    expect(signer.verify('educube_session', value)).toBeDefined();
    expect(signer.verify('educube_session', value, new Date((exp + 1) * 1000))).toBeUndefined();
    const noExp = signer.sign('educube_session', { sub: 'u1' } as unknown as { exp: number });
    expect(signer.verify('educube_session', noExp)).toBeUndefined();
  });

  it('rejects a value signed for another purpose or with another secret', () => {
    const login = signer.sign('educube_login', { sub: 'u1', exp: inAnHour() });
    expect(signer.verify('educube_session', login)).toBeUndefined();
    const other = new CookieSigner(`${secret}-other`).sign('educube_session', { sub: 'u1', exp: inAnHour() });
    expect(signer.verify('educube_session', other)).toBeUndefined();
  });

  it('refuses a short secret', () => {
    expect(() => new CookieSigner('short')).toThrow(/at least 32/);
  });

  it('writes HttpOnly, SameSite=Lax cookies and parses a Cookie header', () => {
    expect(serializeCookie('s', 'v', { maxAgeSeconds: 60, secure: false })).toBe('s=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax');
    expect(serializeCookie('s', '', { maxAgeSeconds: 0, secure: true })).toBe('s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
    expect([...parseCookies('a=1; b=x.y=; a=2')]).toEqual([
      ['a', '1'],
      ['b', 'x.y='],
    ]);
  });
});
