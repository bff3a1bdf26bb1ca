import { IdentityUnavailable, VisibleSchools } from './index';

/** A fake identity that counts its questions and answers from a tree the test sets. */
function fakeIdentity() {
  const asked: string[] = [];
  let down = false;
  const schools = new Map([
    ['3302030001', '330203'],
    ['3302030002', '330203'],
    ['3302050001', '330205'],
  ]);
  const fetcher = async (url: string, init?: RequestInit): Promise<Response> => {
    asked.push(new URL(url).pathname);
    if (down) throw new Error('connect ECONNREFUSED');
    const path = new URL(url).pathname;
    if (path === '/v1/access/visible-schools') {
      const { principal } = JSON.parse(String(init?.body)) as { principal: { scope: { kind: string; regionCode?: string; schoolCodes?: string[] } } };
      const visible = [...schools]
        .filter(([code, region]) => (principal.scope.kind === 'region' ? region === principal.scope.regionCode : principal.scope.schoolCodes?.includes(code)))
        .map(([code]) => code);
      return new Response(JSON.stringify({ schools: visible }), { status: 200 });
    }
    const code = path.split('/').at(-1) ?? '';
    return schools.has(code) ? new Response(JSON.stringify({ code, regionCode: schools.get(code) }), { status: 200 }) : new Response('{}', { status: 404 });
  };
  return { asked, fetcher, setDown: (d: boolean) => (down = d), schools };
}

const officer = { subject: 'o1', role: 'district_officer', scope: { kind: 'region' as const, regionCode: '330203' } };

describe("VisibleSchools (identity's rule, asked over HTTP)", () => {
  it('asks identity once per caller and date for 30 s, then again', async () => {
    const identity = fakeIdentity();
    let now = 0;
    const visible = new VisibleSchools('http://identity', identity.fetcher, () => now);
    expect([...(await visible.of(officer))]).toEqual(['3302030001', '3302030002']);
    expect(await visible.covers(officer, '3302030002')).toBe(true);
    expect(await visible.covers(officer, '3302050001')).toBe(false);
    expect(identity.asked).toHaveLength(1);
    identity.schools.set('3302030003', '330203');
    now = 31_000;
    expect(await visible.covers(officer, '3302030003')).toBe(true);
    expect(identity.asked).toHaveLength(2);
  });

  it('keeps no answer from a failed question: identity down is an error, never an empty scope', async () => {
    const identity = fakeIdentity();
    const visible = new VisibleSchools('http://identity', identity.fetcher);
    identity.setDown(true);
    await expect(visible.of(officer)).rejects.toThrow(IdentityUnavailable);
    identity.setDown(false);
    expect((await visible.of(officer)).size).toBe(2);
  });

  it("places a school by identity's tree, undefined for a school identity does not know", async () => {
    const identity = fakeIdentity();
    const visible = new VisibleSchools('http://identity', identity.fetcher);
    expect(await visible.regionOf('3302050001')).toBe('330205');
    expect(await visible.regionOf('3399999999')).toBeUndefined();
  });

  it("fails naming the field when identity's answer breaks its contract", async () => {
    const visible = new VisibleSchools('http://identity', async (url) =>
      new URL(url).pathname.startsWith('/v1/schools/')
        ? new Response(JSON.stringify({ code: '3302050001', regionCode: 330205 }), { status: 200 })
        : new Response(JSON.stringify({ schools: ['3302050001', 7] }), { status: 200 }),
    );
    await expect(visible.regionOf('3302050001')).rejects.toThrow(
      /identity's answer for school 3302050001 does not match its contract: \/regionCode .*\(invalid_type\)/,
    );
    await expect(visible.regionOf('3302050001')).rejects.toThrow(IdentityUnavailable);
    await expect(visible.of(officer)).rejects.toThrow(/\/schools\/1 /);
  });
});
