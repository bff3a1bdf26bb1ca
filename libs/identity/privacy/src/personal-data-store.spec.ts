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

describe('PersonalDataStore: key rotation', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const blind1 = randomBytes(32);
  const blind2 = randomBytes(32);
  // valid GB 11643 numbers (the last is the check digit)
  const people: [string, string][] = [
    ['p-a', '11010519491231002X'],
    ['p-b', '110105199003074472'],
    ['p-c', '440308199901010012'],
  ];
  let db: SqlDatabase;

  beforeAll(async () => {
    db = fromPGlite(new PGlite());
    const store = await PersonalDataStore.open(db, new PiiVault(k1, [], blind1));
    for (const [id, card] of people) await store.put(id, { fullName: `name of ${id}`, idCardNumber: card });
  });
  afterAll(() => db.close());

  const sealedWith = async (personId: string) => {
    const { rows } = await db.query<{ id_card: string }>('select id_card from identity_pii.persons where person_id = $1', [personId]);
    return rows[0]!.id_card.split('.')[1];
  };

  it('rotating the sealing key keeps every record readable and every lookup by identity-card number working', async () => {
    const store = await PersonalDataStore.open(db, new PiiVault(k2, [k1], blind1));
    for (const [id, card] of people) {
      expect(await store.clear(id)).toEqual({ fullName: `name of ${id}`, idCardNumber: card });
      expect(await store.findByIdCard(card)).toBe(id);
    }
    await store.put('p-d', { fullName: 'new', idCardNumber: '320102198512121236' });
    expect(await sealedWith('p-a')).toBe('k1');
    expect(await sealedWith('p-d')).toBe('k2');
    await expect(store.put('p-e', { idCardNumber: people[0]![1] })).rejects.toMatchObject({ code: 'id-card-taken' });
  });

  it('rotating the blind-index key re-indexes: lookups work with the new key and not with the old', async () => {
    const old = new PiiVault(k2, [k1], blind1);
    const store = await PersonalDataStore.open(db, old);
    expect(await store.reindexBlind(blind2, 2)).toBe(4);
    for (const [id, card] of people) expect(await store.findByIdCard(card)).toBe(id);

    const { rows } = await db.query('select 1 from identity_pii.persons where id_card_index = any($1)', [
      people.map(([, card]) => old.blindIndex('idCardNumber', card)),
    ]);
    expect(rows).toEqual([]);
    await expect(PersonalDataStore.open(db, old)).rejects.toMatchObject({ code: 'blind-index-stale' });

    const reopened = await PersonalDataStore.open(db, new PiiVault(k2, [k1], blind2));
    for (const [id, card] of people) expect(await reopened.findByIdCard(card)).toBe(id);
    await expect(reopened.put('p-e', { idCardNumber: people[1]![1] })).rejects.toMatchObject({ code: 'id-card-taken' });
  });

  it('moves an index built on the sealing key (before the split) to a blind-index key of its own', async () => {
    const own = fromPGlite(new PGlite());
    try {
      const legacy = await PersonalDataStore.open(own, new PiiVault(k1));
      await legacy.put('p-a', { idCardNumber: people[0]![1] });
      // what used to happen silently: a new sealing key moved the index with it, and lookups missed
      await expect(PersonalDataStore.open(own, new PiiVault(k2, [k1]))).rejects.toMatchObject({ code: 'blind-index-stale' });
      await expect(PersonalDataStore.open(own, new PiiVault(k1, [], blind1))).rejects.toMatchObject({ code: 'blind-index-stale' });
      const moved = await PersonalDataStore.open(own, new PiiVault(k1, [], blind1), { staleBlindIndex: 'reindex' });
      expect(await moved.findByIdCard(people[0]![1])).toBe('p-a');
      expect(await (await PersonalDataStore.open(own, new PiiVault(k2, [k1], blind1))).findByIdCard(people[0]![1])).toBe('p-a');
    } finally {
      await own.close();
    }
  });
});
