import { createHash } from 'node:crypto';
import { CATALOGS, STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, entitiesAsOf, evaluateCatalog, regionalAverages, type EvaluationOptions, type Evidence, type SchoolFacts } from '@educube/assessment-engine';
import type { IndexedDirectory } from '@educube/identity-client';
import type { SqlClient, SqlDatabase } from '@educube/postgres';

// Evidence is stored per item with its provenance: the engine's evidence (value, window,
// formula, threshold, met, points, contributing count, sample ids, the as-of date), the feed
// position of the facts it was computed from, and when it was computed. A row is rewritten only
// when its content changes, so computed_at says since when the current value stands.
export const EVIDENCE_SCHEMA = `
create table if not exists assessment_evidence (
  school        text not null,
  standard      text not null,
  item_id       text not null,
  as_of         date not null,
  digest        text not null,
  evidence      jsonb not null,
  feed_position numeric(39, 0) not null,
  computed_at   timestamptz not null default now(),
  primary key (school, standard, item_id)
);
-- where each school was placed when its evidence was computed (the 全区 averages pool by it), so a
-- replay without identity pools the same schools
create table if not exists assessment_school_placement (
  school      text primary key,
  region_code text not null
);`;

export interface ComputedEvidence {
  readonly school: string;
  readonly standard: StandardId;
  readonly evidence: Evidence;
  /** SHA-256 of the evidence's JSON: equal content, equal digest (the engine builds keys in a fixed order). */
  readonly digest: string;
}

export interface StoredEvidence extends Evidence {
  readonly standard: StandardId;
  readonly digest: string;
  readonly feedPosition: string;
  readonly computedAt: string;
}

export const digestOf = (evidence: Evidence): string => createHash('sha256').update(JSON.stringify(evidence)).digest('hex');

/** Every derived item's evidence of one school under every standard. */
export function computeEvidence(facts: SchoolFacts, options: EvaluationOptions, standards: readonly StandardId[] = STANDARD_IDS): ComputedEvidence[] {
  return standards.flatMap((standard) =>
    evaluateCatalog(CATALOGS[standard], CLASSIFICATIONS[standard], facts, options).map((evidence) => ({ school: facts.school, standard, evidence, digest: digestOf(evidence) })),
  );
}

/** The school's region code from its SchoolRegistered fact, if the warehouse has sent one. */
export function regionCodeOf(facts: SchoolFacts): string | undefined {
  const region = entitiesAsOf(facts, 'school', '9999-12-31')[0]?.data['regionCode'];
  return typeof region === 'string' ? region : undefined;
}

/** Where a school sits, for the 全区 averages. */
export type RegionOf = (facts: SchoolFacts) => string | undefined;

/**
 * Identity's tree places a school; the feed's SchoolRegistered only where the tree has no such
 * school (or identity could not be asked). Identity publishes registrations to Kafka only, so
 * without Kafka (the embedded default) no school would be placed and no average computed.
 */
export const placedBy = (tree: Pick<IndexedDirectory, 'school'> | undefined): RegionOf => (facts) => tree?.school(facts.school)?.regionCode ?? regionCodeOf(facts);

/** The province-level region a school is compared with (全区: 64 for 640104). */
export const provinceOf = (regionCode: string): string => regionCode.slice(0, 2);

/**
 * Each province-level region's reference figures (Ningxia 23, 48: 全区平均水平), pooled over
 * every school the hub holds there as of the date. A school's evidence uses its region's.
 */
export function referenceFigures(all: readonly SchoolFacts[], asOf: string, regionOf: RegionOf = regionCodeOf): Map<string, Record<string, number>> {
  const schools = all.flatMap((facts) => {
    const regionCode = regionOf(facts);
    return regionCode ? [{ regionCode, facts }] : [];
  });
  const out = new Map<string, Record<string, number>>();
  for (const prefix of new Set(schools.map((s) => provinceOf(s.regionCode)))) out.set(prefix, regionalAverages(schools, prefix, { asOf }).figures);
  return out;
}

/** Evaluation options for one school: the as-of date and its region's reference figures. */
export function optionsFor(facts: SchoolFacts, asOf: string, figures: ReadonlyMap<string, Record<string, number>>, regionOf: RegionOf = regionCodeOf): EvaluationOptions {
  const region = regionOf(facts);
  const regional = region ? figures.get(provinceOf(region)) : undefined;
  return regional && Object.keys(regional).length ? { asOf, regionalAverages: regional } : { asOf };
}

export async function openEvidenceStore(db: SqlDatabase): Promise<EvidenceStore> {
  await db.exec(EVIDENCE_SCHEMA);
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
    const { rows: current } = await client.query<{ school: string; standard: string; item_id: string; digest: string }>('select school, standard, item_id, digest from assessment_evidence where school = any($1::text[])', [schools]);
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
    return rows.map((r) => ({ ...r.evidence, standard: r.standard, digest: r.digest, feedPosition: r.feed_position, computedAt: new Date(r.computed_at).toISOString() }));
  }

  /** (school, as-of) pairs stored, and every row's digest: what a rebuild recomputes and compares. */
  async digests(): Promise<{ school: string; standard: string; itemId: string; asOf: string; digest: string }[]> {
    const { rows } = await this.db.query<{ school: string; standard: string; item_id: string; as_of: string; digest: string }>(
      "select school, standard, item_id, to_char(as_of, 'YYYY-MM-DD') as as_of, digest from assessment_evidence order by school, standard, item_id",
    );
    return rows.map((r) => ({ school: r.school, standard: r.standard, itemId: r.item_id, asOf: r.as_of, digest: r.digest }));
  }
}
