import { sha256Hex } from '@educube/canonical-json';
import type { StandardId } from '@educube/assessment-catalog';
import {
  districtRollup,
  everyItem,
  STANDING_LABELS,
  type DistrictCap,
  type ItemCount,
  type ItemTrendRow,
  type LabelCount,
  type Standing,
  type TrendRow,
} from '@educube/assessment-standings';
import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import { ASSESSMENT_STANDINGS_SCHEMA } from './standings.migrations';

// Standings and their region roll-ups. A school's standing per standard is the verdict of its
// default score sheet, reduced to a label (@educube/assessment-standings); `district` is the
// school's region in identity's tree at the last refresh (normally a district; a school placed
// directly under a city counts there). Every per-district table is rewritten for a (district,
// standard) when one of its schools' standings changes, never per request: a region's answer
// sums its districts' rows.

/** A standing as computed in a refresh, with the items its sheet shows met. */
export interface ComputedStanding {
  readonly school: string;
  readonly standing: Standing;
  readonly metItems: readonly string[];
}

export interface StoredStanding extends Standing {
  readonly school: string;
  readonly district: string | null;
  /** The label after region-level rules (Ningxia: the district's three-star cap). */
  readonly regionLabel: string;
  readonly asOf: string;
  readonly computedAt: string;
}

/** What a school holds under a standard, for the regression alerts: the items met, and stars (Ningxia). */
export interface HeldStanding {
  readonly metItems: readonly string[];
  readonly stars: number | null;
}

/** A standing that changed since the alerts last compared it; `alerted` is null for a school's first standing. */
export interface PendingStanding {
  readonly school: string;
  readonly standard: StandardId;
  readonly current: HeldStanding;
  readonly alerted: HeldStanding | null;
}

const digestOf = (c: ComputedStanding): string => sha256Hex(JSON.stringify([c.standing, [...c.metItems].sort()]));

type StandingRow = {
  school: string;
  standard: StandardId;
  district: string | null;
  label: string;
  region_label: string;
  score: number | null;
  stars: number | null;
  stars_by_score: number | null;
  passed: boolean | null;
  level: string | null;
  basic_met: number | null;
  basic_total: number | null;
  as_of: string;
  computed_at: Date | string;
};

/** Joins item ids to pass an array of arrays through unnest (no catalog id contains it). */
const UNIT_SEPARATOR = '\u001f';

const COLUMNS =
  "school, standard, district, label, region_label, score, stars, stars_by_score, passed, level, basic_met, basic_total, to_char(as_of, 'YYYY-MM-DD') as as_of, computed_at"; // not met_items: only the roll-ups and the alerts' comparisons read it, and decoding the array is costly per dashboard page

const fromRow = (r: StandingRow): StoredStanding => ({
  school: r.school,
  standard: r.standard,
  district: r.district,
  label: r.label,
  regionLabel: r.region_label,
  score: r.score,
  stars: r.stars,
  starsByScore: r.stars_by_score,
  passed: r.passed,
  level: r.level,
  basicMet: r.basic_met,
  basicTotal: r.basic_total,
  asOf: r.as_of,
  computedAt: new Date(r.computed_at).toISOString(),
});

export async function openStandingsStore(db: SqlDatabase): Promise<StandingsStore> {
  await migrate(db, ASSESSMENT_STANDINGS_SCHEMA);
  return new StandingsStore(db);
}

export class StandingsStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Each school's district as stored (the same for all its standards). */
  async districts(): Promise<Map<string, string | null>> {
    const { rows } = await this.db.query<{ school: string; district: string | null }>(
      'select distinct on (school) school, district from assessment_standing order by school',
    );
    return new Map(rows.map((r) => [r.school, r.district]));
  }

  /** Every (district, standard) that holds standings: what a start recomputes once. */
  async districtStandards(): Promise<{ district: string; standard: StandardId }[]> {
    const { rows } = await this.db.query<{ district: string; standard: StandardId }>(
      'select distinct district, standard from assessment_standing where district is not null',
    );
    return rows;
  }

  /**
   * Writes a school's standings whose content, district or as-of month changed (a new month
   * needs its own trend snapshot) and moves the as-of date of the others. Answers the
   * (district, standard) pairs whose roll-ups must be recomputed: the new district and, for a
   * school that moved, the old one.
   */
  async save(
    school: string,
    district: string | null,
    standings: readonly ComputedStanding[],
    asOf: string,
  ): Promise<{ written: number; touched: { district: string; standard: StandardId }[] }> {
    // one transaction: a reader sees a school's standards change together, never two of five
    return this.db.transaction((tx) => this.saveIn(tx, school, district, standings, asOf));
  }

  private async saveIn(
    tx: SqlClient,
    school: string,
    district: string | null,
    standings: readonly ComputedStanding[],
    asOf: string,
  ): Promise<{ written: number; touched: { district: string; standard: StandardId }[] }> {
    const { rows } = await tx.query<{ standard: StandardId; district: string | null; digest: string; month: string }>(
      "select standard, district, digest, to_char(as_of, 'YYYY-MM') as month from assessment_standing where school = $1",
      [school],
    );
    const known = new Map(rows.map((r) => [r.standard, r]));
    const touched: { district: string; standard: StandardId }[] = [];
    let written = 0;
    for (const c of standings) {
      const standard = c.standing.standard;
      const digest = digestOf(c);
      const before = known.get(standard);
      if (before && before.digest === digest && before.district === district && before.month === asOf.slice(0, 7)) continue;
      const s = c.standing;
      await tx.query(
        `insert into assessment_standing (school, standard, district, label, region_label, score, stars, stars_by_score, passed, level, basic_met, basic_total, met_items, digest, as_of)
         values ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13, $14)
         on conflict (school, standard) do update set district = excluded.district, label = excluded.label,
           region_label = case when assessment_standing.district is not distinct from excluded.district and assessment_standing.label = excluded.label then assessment_standing.region_label else excluded.region_label end,
           score = excluded.score, stars = excluded.stars, stars_by_score = excluded.stars_by_score, passed = excluded.passed, level = excluded.level,
           basic_met = excluded.basic_met, basic_total = excluded.basic_total, met_items = excluded.met_items, digest = excluded.digest, as_of = excluded.as_of, computed_at = now()`,
        [school, standard, district, s.label, s.score, s.stars, s.starsByScore, s.passed, s.level, s.basicMet, s.basicTotal, [...c.metItems], digest, asOf],
      );
      written += 1;
      if (district) touched.push({ district, standard });
      if (before?.district && before.district !== district) touched.push({ district: before.district, standard });
    }
    await tx.query('update assessment_standing set as_of = $2 where school = $1 and as_of <> $2::date', [school, asOf]);
    return { written, touched };
  }

  /** Up to `limit` standings whose met items or stars differ from what the alerts last compared. */
  async alertsPending(limit: number): Promise<PendingStanding[]> {
    const { rows } = await this.db.query<{
      school: string;
      standard: StandardId;
      met_items: string[];
      stars: number | null;
      alerted_met_items: string[] | null;
      alerted_stars: number | null;
    }>(
      `select school, standard, met_items, stars, alerted_met_items, alerted_stars from assessment_standing
       where alerted_met_items is distinct from met_items or alerted_stars is distinct from stars order by school, standard limit $1`,
      [limit],
    );
    return rows.map((r) => ({
      school: r.school,
      standard: r.standard,
      current: { metItems: r.met_items, stars: r.stars },
      alerted: r.alerted_met_items === null ? null : { metItems: r.alerted_met_items, stars: r.alerted_stars },
    }));
  }

  /**
   * Records that the alerts compared these standings: each one's current values become what the
   * next comparison starts from. Set to the values compared (not to the row's), so a standing
   * saved in between stays pending.
   */
  async markAlerted(compared: readonly PendingStanding[]): Promise<void> {
    if (compared.length === 0) return;
    await this.db.query(
      `update assessment_standing s set alerted_met_items = string_to_array(u.met, chr(31)), alerted_stars = u.stars
       from unnest($1::text[], $2::text[], $3::text[], $4::int[]) as u(school, standard, met, stars)
       where s.school = u.school and s.standard = u.standard`,
      [
        compared.map((c) => c.school),
        compared.map((c) => c.standard),
        compared.map((c) => c.current.metItems.join(UNIT_SEPARATOR)),
        compared.map((c) => c.current.stars),
      ],
    );
  }

  /**
   * Rewrites one district's roll-ups for one standard from its schools' standings, in one
   * transaction: region labels (Ningxia's cap), the verdict distribution, item met counts, the
   * cap per year, and this month's trend snapshot (every label, zeros included, so a district
   * emptied by a move shows as empty rather than as last month).
   */
  async recompute(district: string, standard: StandardId, month: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        school: string;
        label: string;
        region_label: string;
        score: number | null;
        stars: number | null;
        stars_by_score: number | null;
        as_of: string;
        met_items: string[];
      }>(
        "select school, label, region_label, score, stars, stars_by_score, to_char(as_of, 'YYYY-MM-DD') as as_of, met_items from assessment_standing where district = $1 and standard = $2 order by school",
        [district, standard],
      );
      const rollup = districtRollup(
        standard,
        district,
        rows.map((r) => ({
          school: r.school,
          label: r.label,
          score: r.score,
          stars: r.stars,
          starsByScore: r.stars_by_score,
          asOf: r.as_of,
          metItems: r.met_items,
        })),
      );
      const relabelled = rows.filter((r) => rollup.regionLabels.get(r.school) !== r.region_label);
      if (relabelled.length) {
        await tx.query(
          'update assessment_standing s set region_label = u.label from unnest($1::text[], $2::text[]) as u(school, label) where s.school = u.school and s.standard = $3',
          [relabelled.map((r) => r.school), relabelled.map((r) => rollup.regionLabels.get(r.school) ?? r.label), standard],
        );
      }
      await this.replaceVerdicts(tx, district, standard, rows.length ? rollup.distribution : [], rollup.sheetDistribution);
      await this.replaceItems(tx, district, standard, rows.length ? rollup.items : []);
      if (standard === 'ningxia') await this.replaceCaps(tx, district, rollup.caps);
      await tx.query('delete from assessment_region_trend where district = $1 and standard = $2 and month = $3', [district, standard, month]);
      await tx.query('insert into assessment_region_trend (district, standard, month, label, count) select $1, $2, $3, * from unnest($4::text[], $5::int[])', [
        district,
        standard,
        month,
        rollup.distribution.map((d) => d.label),
        rollup.distribution.map((d) => d.count),
      ]);
      // the items' snapshot of the month: every item, zeros included, like the verdicts'
      const items = everyItem(standard, rows.length ? rollup.items : []);
      await tx.query('delete from assessment_region_item_trend where district = $1 and standard = $2 and month = $3', [district, standard, month]);
      await tx.query(
        'insert into assessment_region_item_trend (district, standard, month, item_id, met, schools) select $1, $2, $3, * from unnest($4::text[], $5::int[], $6::int[])',
        [district, standard, month, items.map((i) => i.itemId), items.map((i) => i.met), items.map((i) => i.schools)],
      );
    });
  }

  private async replaceVerdicts(
    tx: SqlClient,
    district: string,
    standard: StandardId,
    distribution: readonly LabelCount[],
    sheet: readonly LabelCount[],
  ): Promise<void> {
    await tx.query('delete from assessment_region_verdicts where district = $1 and standard = $2', [district, standard]);
    if (!distribution.length) return;
    const sheetCount = new Map(sheet.map((d) => [d.label, d.count]));
    await tx.query(
      'insert into assessment_region_verdicts (district, standard, label, count, sheet_count) select $1, $2, * from unnest($3::text[], $4::int[], $5::int[])',
      [district, standard, distribution.map((d) => d.label), distribution.map((d) => d.count), distribution.map((d) => sheetCount.get(d.label) ?? 0)],
    );
  }

  private async replaceItems(tx: SqlClient, district: string, standard: StandardId, items: readonly ItemCount[]): Promise<void> {
    await tx.query('delete from assessment_region_items where district = $1 and standard = $2', [district, standard]);
    if (!items.length) return;
    await tx.query(
      'insert into assessment_region_items (district, standard, item_id, met, schools) select $1, $2, * from unnest($3::text[], $4::int[], $5::int[])',
      [district, standard, items.map((i) => i.itemId), items.map((i) => i.met), items.map((i) => i.schools)],
    );
  }

  private async replaceCaps(tx: SqlClient, district: string, caps: readonly DistrictCap[]): Promise<void> {
    await tx.query('delete from assessment_region_ningxia_cap where district = $1', [district]);
    for (const c of caps) {
      await tx.query(
        'insert into assessment_region_ningxia_cap (district, year, cultivated, places, three_star_by_score, three_star_after_cap, held_back) values ($1, $2, $3, $4, $5, $6, $7::text[])',
        [c.district, c.year, c.cultivated, c.places, c.threeStarByScore, c.threeStarAfterCap, [...c.heldBack]],
      );
    }
  }

  // Reads for the region answers: sums over the region's districts (≤ ~100 rows each).

  async distributions(
    districts: readonly string[],
    standard?: StandardId,
  ): Promise<{ standard: StandardId; label: string; count: number; sheetCount: number }[]> {
    const { rows } = await this.db.query<{ standard: StandardId; label: string; count: number; sheet_count: number }>(
      'select standard, label, sum(count)::int as count, sum(sheet_count)::int as sheet_count from assessment_region_verdicts where district = any($1::text[]) and ($2::text is null or standard = $2) group by standard, label',
      [[...districts], standard ?? null],
    );
    return rows.map((r) => ({ standard: r.standard, label: r.label, count: r.count, sheetCount: r.sheet_count }));
  }

  async items(districts: readonly string[], standard: StandardId): Promise<ItemCount[]> {
    const { rows } = await this.db.query<{ item_id: string; met: number; schools: number }>(
      'select item_id, sum(met)::int as met, sum(schools)::int as schools from assessment_region_items where district = any($1::text[]) and standard = $2 group by item_id',
      [[...districts], standard],
    );
    return rows.map((r) => ({ itemId: r.item_id, met: r.met, schools: r.schools }));
  }

  async caps(districts: readonly string[]): Promise<DistrictCap[]> {
    const { rows } = await this.db.query<{
      district: string;
      year: number;
      cultivated: number;
      places: number;
      three_star_by_score: number;
      three_star_after_cap: number;
      held_back: string[];
    }>('select * from assessment_region_ningxia_cap where district = any($1::text[]) order by district, year', [[...districts]]);
    return rows.map((r) => ({
      district: r.district,
      year: r.year,
      cultivated: r.cultivated,
      places: r.places,
      threeStarByScore: r.three_star_by_score,
      threeStarAfterCap: r.three_star_after_cap,
      heldBack: r.held_back,
    }));
  }

  /** Snapshots up to `lastMonth` (earlier ones too: a district's last snapshot carries forward). */
  async trend(districts: readonly string[], standard: StandardId, lastMonth: string): Promise<TrendRow[]> {
    const { rows } = await this.db.query<TrendRow>(
      'select district, month, label, count from assessment_region_trend where district = any($1::text[]) and standard = $2 and month <= $3 order by district, month',
      [[...districts], standard, lastMonth],
    );
    return rows.filter((r) => STANDING_LABELS[standard].includes(r.label));
  }

  /** Item snapshots up to `lastMonth` (earlier ones too: a district's last snapshot carries forward). */
  async itemTrend(districts: readonly string[], standard: StandardId, lastMonth: string): Promise<ItemTrendRow[]> {
    const { rows } = await this.db.query<{ district: string; month: string; item_id: string; met: number; schools: number }>(
      'select district, month, item_id, met, schools from assessment_region_item_trend where district = any($1::text[]) and standard = $2 and month <= $3 order by district, month',
      [[...districts], standard, lastMonth],
    );
    return rows.map((r) => ({ district: r.district, month: r.month, itemId: r.item_id, met: r.met, schools: r.schools }));
  }

  async schoolsLabelled(districts: readonly string[], standard: StandardId, label: string): Promise<string[]> {
    const { rows } = await this.db.query<{ school: string }>(
      'select school from assessment_standing where district = any($1::text[]) and standard = $2 and region_label = $3 order by school',
      [[...districts], standard, label],
    );
    return rows.map((r) => r.school);
  }

  async of(schools: readonly string[]): Promise<StoredStanding[]> {
    const { rows } = await this.db.query<StandingRow>(`select ${COLUMNS} from assessment_standing where school = any($1::text[]) order by school, standard`, [
      [...schools],
    ]);
    return rows.map(fromRow);
  }
}
