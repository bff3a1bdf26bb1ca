import type { SqlDatabase } from '@educube/postgres';
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
    readonly code: 'invalid-id-card' | 'id-card-taken',
    message: string,
  ) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

const SCHEMA = `
create schema if not exists identity_pii;
create table if not exists identity_pii.persons (
  person_id      text primary key,
  full_name      text,
  id_card        text,
  id_card_index  text unique,
  updated_at     timestamptz not null default now()
);`;

export class PersonalDataStore {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly vault: PiiVault,
  ) {}

  static async open(db: SqlDatabase, vault: PiiVault): Promise<PersonalDataStore> {
    await db.exec(SCHEMA);
    return new PersonalDataStore(db, vault);
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
    const { rows } = await this.db.query<{ person_id: string }>('select person_id from identity_pii.persons where id_card_index = $1', [this.vault.blindIndex('idCardNumber', idCardNumber)]);
    return rows[0]?.person_id;
  }

  /** What may be shown outside this service. */
  async maskedName(personId: string): Promise<string | undefined> {
    const clear = await this.clear(personId);
    return clear?.fullName === undefined ? undefined : maskName(clear.fullName);
  }

  /** Clear values, for the identity service's own use (Keycloak provisioning, re-sealing). */
  async clear(personId: string): Promise<PersonalData | undefined> {
    const { rows } = await this.db.query<{ full_name: string | null; id_card: string | null }>('select full_name, id_card from identity_pii.persons where person_id = $1', [personId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...(row.full_name ? { fullName: this.vault.decrypt('fullName', row.full_name) } : {}),
      ...(row.id_card ? { idCardNumber: this.vault.decrypt('idCardNumber', row.id_card) } : {}),
    };
  }
}
