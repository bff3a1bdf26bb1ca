import { PGlite } from '@electric-sql/pglite';
import { fromPGlite, type SqlDatabase } from '@educube/postgres';
import { randomBytes } from 'node:crypto';
import { PersonalDataStore } from './personal-data-store';
import { PiiVault } from './pii-vault';

describe('PersonalDataStore', () => {
  let db: SqlDatabase;
  let store: PersonalDataStore;
  const vault = new PiiVault({ id: 'k1', key: randomBytes(32) });

  beforeAll(async () => {
    db = fromPGlite(new PGlite());
    store = await PersonalDataStore.open(db, vault);
  });
  afterAll(() => db.close());

  it('stores names and identity-card numbers only sealed', async () => {
    await store.put('p-1', { fullName: '王小明', idCardNumber: '11010519491231002x' });
    const { rows } = await db.query<Record<string, string>>('select * from identity_pii.persons');
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('王小明');
    expect(raw).not.toMatch(/11010519491231002/);
    expect(await store.clear('p-1')).toEqual({ fullName: '王小明', idCardNumber: '11010519491231002X' });
  });

  it('shows only a masked name', async () => {
    expect(await store.maskedName('p-1')).toBe('王*明');
    expect(await store.maskedName('nobody')).toBeUndefined();
  });

  it('finds a person by identity-card number through the blind index, whatever the case of X', async () => {
    expect(await store.findByIdCard('11010519491231002X')).toBe('p-1');
    expect(await store.findByIdCard('110105194912310029')).toBeUndefined();
  });

  it('keeps fields that an update leaves out', async () => {
    await store.put('p-1', { fullName: '王晓明' });
    expect(await store.clear('p-1')).toEqual({ fullName: '王晓明', idCardNumber: '11010519491231002X' });
  });

  it('refuses an invalid number and a number that belongs to someone else, without echoing it', async () => {
    await expect(store.put('p-2', { idCardNumber: '110105194912310021' })).rejects.toMatchObject({ code: 'invalid-id-card' });
    const taken = store.put('p-2', { idCardNumber: '11010519491231002X' });
    await expect(taken).rejects.toMatchObject({ code: 'id-card-taken' });
    await expect(taken).rejects.not.toThrow(/11010519491231002/);
    expect(await store.clear('p-2')).toBeUndefined();
  });
});
