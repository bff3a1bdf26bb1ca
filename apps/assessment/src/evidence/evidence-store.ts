import type { StandardId } from '@educube/assessment-catalog';
import type { Evidence } from '@educube/assessment-engine';
import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import { ASSESSMENT_EVIDENCE_SCHEMA } from './evidence.migrations';
import type { ComputedEvidence } from './evidence-rules';

export interface StoredEvidence extends Evidence {
  readonly standard: StandardId;
  readonly digest: string;
  readonly feedPosition: string;
  readonly computedAt: string;
}

/** Opens the store of evidence rows and placements: it loads and saves, the engine and evidence-rules.ts decide. */
export async function openEvidenceStore(db: SqlDatabase): Promise<EvidenceStore> {
  await migrate(db, ASSESSMENT_EVIDENCE_SCHEMA);
  return new EvidenceStore(db);
}

export class EvidenceStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Records where schools are placed now (only those whose region changed are passed). */
  async savePlacements(placed: ReadonlyMap<string, string>): Promise<void> {
    if (placed.size === 0) return;
    await this.db.query(
      'insert into assessment_school_placement (school, region_code) select * from unnest($1::text[], $2::text[]) on conflict (school) do update set region_code = excluded.region_code',
      [[...placed.keys()], [...placed.values()]],
    );
  }

  async placements(): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ school: string; region_code: string }>('select school, region_code from assessment_school_placement');
    return new Map(rows.map((r) => [r.school, r.region_code]));
  }

  /** Writes the rows whose digest changed (or that are new); returns how many were written. */
  async save(rows: readonly ComputedEvidence[], feedPosition: bigint, client: SqlClient = this.db): Promise<number> {
    if (rows.length === 0) return 0;
    const schools = [...new Set(rows.map((r) => r.school))];
    const { rows: current } = await client.query<{ school: string; standard: string; item_id: string; digest: string }>(
      'select school, standard, item_id, digest from assessment_evidence where school = any($1::text[])',
      [schools],
    );
    const known = new Map(current.map((c) => [`${c.school}|${c.standard}|${c.item_id}`, c.digest]));
    const changed = rows.filter((r) => known.get(`${r.school}|${r.standard}|${r.evidence.itemId}`) !== r.digest);
    // one statement per 500 rows: a school's five standards are ~230 rows
    for (let i = 0; i < changed.length; i += 500) {
      const chunk = changed.slice(i, i + 500);
      await client.query(
        `insert into assessment_evidence (school, standard, item_id, as_of, digest, evidence, feed_position)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::jsonb[], $7::numeric[])
         on conflict (school, standard, item_id) do update set as_of = excluded.as_of, digest = excluded.digest, evidence = excluded.evidence,
           feed_position = excluded.feed_position, computed_at = now()`,
        [
          chunk.map((r) => r.school),
          chunk.map((r) => r.standard),
          chunk.map((r) => r.evidence.itemId),
          chunk.map((r) => r.evidence.computedAsOf),
          chunk.map((r) => r.digest),
          chunk.map((r) => JSON.stringify(r.evidence)),
          chunk.map(() => feedPosition.toString()),
        ],
      );
    }
    return changed.length;
  }

  async read(school: string, standard?: StandardId, itemId?: string): Promise<StoredEvidence[]> {
    const { rows } = await this.db.query<{ standard: StandardId; digest: string; evidence: Evidence; feed_position: string; computed_at: Date | string }>(
      `select standard, digest, evidence, feed_position::text as feed_position, computed_at from assessment_evidence
       where school = $1 and ($2::text is null or standard = $2) and ($3::text is null or item_id = $3) order by standard, item_id`,
      [school, standard ?? null, itemId ?? null],
    );
    return rows.map((r) => ({
      ...r.evidence,
      standard: r.standard,
      digest: r.digest,
      feedPosition: r.feed_position,
      computedAt: new Date(r.computed_at).toISOString(),
    }));
  }

  /** (school, as-of) pairs stored, and every row's digest: what a rebuild recomputes and compares. */
  async digests(): Promise<{ school: string; standard: string; itemId: string; asOf: string; digest: string }[]> {
    const { rows } = await this.db.query<{ school: string; standard: string; item_id: string; as_of: string; digest: string }>(
      "select school, standard, item_id, to_char(as_of, 'YYYY-MM-DD') as as_of, digest from assessment_evidence order by school, standard, item_id",
    );
    return rows.map((r) => ({ school: r.school, standard: r.standard, itemId: r.item_id, asOf: r.as_of, digest: r.digest }));
  }
}
