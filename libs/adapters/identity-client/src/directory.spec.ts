import { IndexedDirectory, OrgDirectory } from './index';
import { directoryFrom, directoryRegion, directorySchool } from './testing';

const tree = {
  asOf: '2026-12-06',
  regions: ['330000', '330200', '330203', '330212'].map((c) => directoryRegion(c)),
  schools: [directorySchool('3302120001', '330212'), directorySchool('3302030002', '330203'), directorySchool('3302030001', '330203')],
};

describe('OrgDirectory', () => {
  it('indexes the tree: districts, chains, subtrees by code', async () => {
    const d = await directoryFrom(tree).on('2026-12-01');
    expect(d.asOf).toBe('2026-12-01');
    expect(d.school('3302030001')?.regionCode).toBe('330203');
    expect(d.chain('330203').map((r) => r.code)).toEqual(['330203', '330200', '330000']);
    expect(d.within('330212', '330200')).toBe(true);
    expect(d.within('330200', '330203')).toBe(false);
    expect(d.schoolsUnder('330000').map((s) => s.code)).toEqual(['3302030001', '3302030002', '3302120001']);
    expect(d.schoolsUnder('330212').map((s) => s.code)).toEqual(['3302120001']);
    expect(d.schoolsUnder('999999')).toEqual([]);
  });

  it('asks identity once per date within the cache time, and again after', async () => {
    let now = 0;
    let asked = 0;
    const client = new OrgDirectory(
      'http://identity.test',
      async () => {
        asked += 1;
        return new Response(JSON.stringify(tree), { status: 200 });
      },
      () => now,
    );
    await Promise.all([client.on(), client.on(), client.on()]);
    expect(asked).toBe(1);
    now = 31_000;
    await client.on();
    expect(asked).toBe(2);
  });

  it('says identity is unavailable, and does not keep the failure', async () => {
    let fail = true;
    const client = new OrgDirectory('http://identity.test', async () =>
      fail ? new Response('down', { status: 503 }) : new Response(JSON.stringify(tree), { status: 200 }),
    );
    await expect(client.on()).rejects.toThrow('identity answered 503 for the organisation tree');
    fail = false;
    expect((await client.on()) instanceof IndexedDirectory).toBe(true);
  });

  it("fails naming the field when identity's tree breaks its contract", async () => {
    const client = new OrgDirectory(
      'http://identity.test',
      async () => new Response(JSON.stringify({ ...tree, schools: [{ ...tree.schools[0], regionCode: undefined }] }), { status: 200 }),
    );
    await expect(client.on('2026-12-01')).rejects.toThrow(/organisation tree on 2026-12-01 does not match its contract: \/schools\/0\/regionCode/);
  });
});
