import { migrate, type SqlDatabase } from '@educube/postgres';
import { PERSONAL_DATA_SCHEMA } from './migrations';
import { isValidIdCardNumber, maskName, type PiiVault } from './pii-vault';

/**
 * Where names and identity-card numbers live: only here, only sealed. Other services see the
 * unified person id; what may leave is a masked name (王*明), never the clear value.
 */
export interface PersonalData {
  readonly fullName?: string;
  readonly idCardNumber?: string;
}

export class PersonalDataError extends Error {
  constructor(
    readonly code: 'invalid-id-card' | 'id-card-taken' | 'blind-index-stale',
    message: string,
  ) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

export interface PersonalDataStoreOptions {
  /**
   * When the stored blind index was built with another key than the vault's: `refuse` (the
   * default) fails the open, since every lookup would miss and a number already held could be
   * given to a second person; `reindex` rebuilds it from the sealed numbers (a key's first use,
   * or the embedded default).
   */
  readonly staleBlindIndex?: 'refuse' | 'reindex';
}

export class PersonalDataStore {
  private constructor(
    private readonly db: SqlDatabase,
    private vault: PiiVault,
  ) {}

  static async open(db: SqlDatabase, vault: PiiVault, { staleBlindIndex = 'refuse' }: PersonalDataStoreOptions = {}): Promise<PersonalDataStore> {
    await migrate(db, PERSONAL_DATA_SCHEMA);
    const store = new PersonalDataStore(db, vault);
    if (!(await store.indexMatchesVault())) {
      if (staleBlindIndex === 'refuse') {
        throw new PersonalDataError(
          'blind-index-stale',
          'the identity-card blind index was built with another key than the configured one: re-index it (reindexBlind, or open with staleBlindIndex: reindex) before serving lookups',
        );
      }
      await store.reindexBlind(vault);
    }
    return store;
  }

  /** Sets the given fields (others are kept); an identity-card number belongs to one person. */
  async put(personId: string, data: PersonalData): Promise<void> {
    if (data.idCardNumber !== undefined && !isValidIdCardNumber(data.idCardNumber)) {
      throw new PersonalDataError('invalid-id-card', 'identity-card number fails the GB 11643 format or check digit');
    }
    const name = data.fullName === undefined ? null : this.vault.encrypt('fullName', data.fullName.trim());
    const card = data.idCardNumber === undefined ? null : this.vault.encrypt('idCardNumber', data.idCardNumber.trim().toUpperCase());
    const index = data.idCardNumber === undefined ? null : this.vault.blindIndex('idCardNumber', data.idCardNumber);
    try {
      await this.db.query(
        `insert into identity_pii.persons (person_id, full_name, id_card, id_card_index) values ($1, $2, $3, $4)
         on conflict (person_id) do update set
           full_name = coalesce(excluded.full_name, identity_pii.persons.full_name),
           id_card = coalesce(excluded.id_card, identity_pii.persons.id_card),
           id_card_index = coalesce(excluded.id_card_index, identity_pii.persons.id_card_index),
           updated_at = now()`,
        [personId, name, card, index],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        // never echo the number back: the message names the rule, not the value
        throw new PersonalDataError('id-card-taken', 'this identity-card number already belongs to another person');
      }
      throw error;
    }
  }

  /** The person an identity-card number belongs to, found through the blind index. */
  async findByIdCard(idCardNumber: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ person_id: string }>('select person_id from identity_pii.persons where id_card_index = $1', [
      this.vault.blindIndex('idCardNumber', idCardNumber),
    ]);
    return rows[0]?.person_id;
  }

  /** What may be shown outside this service. */
  async maskedName(personId: string): Promise<string | undefined> {
    const clear = await this.clear(personId);
    return clear?.fullName === undefined ? undefined : maskName(clear.fullName);
  }

  /** Clear values, for the identity service's own use (Keycloak provisioning, re-sealing). */
  async clear(personId: string): Promise<PersonalData | undefined> {
    const { rows } = await this.db.query<{ full_name: string | null; id_card: string | null }>(
      'select full_name, id_card from identity_pii.persons where person_id = $1',
      [personId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...(row.full_name ? { fullName: this.vault.decrypt('fullName', row.full_name) } : {}),
      ...(row.id_card ? { idCardNumber: this.vault.decrypt('idCardNumber', row.id_card) } : {}),
    };
  }

  /**
   * Rebuilds the identity-card blind index under a new secret (a `Buffer`), or under the given
   * vault's, from the sealed numbers; from then on this store looks up with it, and the old key
   * finds nothing. One transaction: lookups see the old index or the new, never half of each.
   * Maintenance: stop other writers first, since one that still holds the old key and waits on
   * the lock would write an old-key index after it. Returns how many numbers were re-indexed.
   */
  async reindexBlind(next: Buffer | PiiVault, pageSize = 1000): Promise<number> {
    const vault = Buffer.isBuffer(next) ? this.vault.withBlindIndexKey(next) : next;
    const count = await this.db.transaction(async (tx) => {
      // writers wait, readers go on reading the old index until the commit
      await tx.query('lock table identity_pii.persons in exclusive mode');
      let done = 0;
      let after = '';
      for (;;) {
        const { rows } = await tx.query<{ person_id: string; id_card: string }>(
          'select person_id, id_card from identity_pii.persons where id_card is not null and person_id > $1 order by person_id limit $2',
          [after, pageSize],
        );
        const last = rows.at(-1);
        if (!last) break;
        await tx.query('update identity_pii.persons p set id_card_index = u.idx from unnest($1::text[], $2::text[]) as u(id, idx) where p.person_id = u.id', [
          rows.map((r) => r.person_id),
          rows.map((r) => vault.blindIndex('idCardNumber', vault.decrypt('idCardNumber', r.id_card))),
        ]);
        done += rows.length;
        after = last.person_id;
      }
      return done;
    });
    this.vault = vault;
    return count;
  }

  /**
   * Samples one sealed number: a vault whose key built the index gives back the stored index.
   * One row is enough for the mismatch that matters, a new key set without re-indexing, and the
   * primary key finds it without scanning a table of a whole province's pupils at every start.
   */
  private async indexMatchesVault(): Promise<boolean> {
    const { rows } = await this.db.query<{ id_card: string; id_card_index: string | null }>(
      'select id_card, id_card_index from identity_pii.persons where id_card is not null order by person_id limit 1',
    );
    const row = rows[0];
    if (!row) return true;
    let clear: string;
    try {
      clear = this.vault.decrypt('idCardNumber', row.id_card);
    } catch {
      // a number sealed under a key this vault lacks says nothing about the index key; reads of it fail on their own
      return true;
    }
    return row.id_card_index === this.vault.blindIndex('idCardNumber', clear);
  }
}
