import { migrate, type SqlDatabase } from '@educube/postgres';
import { SOURCE_FACTS_SCHEMA } from './source-facts.migrations';
import type { Receipt } from './receipts';

// What the silent-source and reject-spike rules need of ingestion, kept in the warehouse's own
// schema so it survives restarts: per (school, system) when it was last heard from, and per
// 15-minute bucket how many of its events were taken and refused. One statement per table per
// batch, whatever its size.

export const BUCKET_MINUTES = 15;
const BUCKET_MS = BUCKET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The start of the bucket holding `at`. */
export const bucketStart = (at: Date): Date => new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);

/**
 * The reject-spike window in whole buckets, at least `windowMinutes` long (up to one bucket
 * more: it starts at the bucket holding now − windowMinutes), and the `baselineDays` before it.
 */
export function rejectSpikeWindow(now: Date, windowMinutes: number, baselineDays: number): { windowStart: Date; baselineStart: Date } {
  const windowStart = bucketStart(new Date(now.getTime() - windowMinutes * 60_000));
  return { windowStart, baselineStart: new Date(windowStart.getTime() - baselineDays * DAY_MS) };
}

export interface LastReceipt {
  readonly school: string;
  readonly source: string;
  readonly lastReceivedAt: Date;
}

export interface Counts {
  readonly accepted: number;
  readonly rejected: number;
}

export interface SourceCounts {
  readonly school: string;
  readonly source: string;
  readonly window: Counts;
  readonly baseline: Counts;
}

export class SourceFacts {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<SourceFacts> {
    await migrate(db, SOURCE_FACTS_SCHEMA);
    return new SourceFacts(db);
  }

  /** Adds a batch's receipts, received at `at`. */
  async record(receipts: readonly Receipt[], at: Date): Promise<void> {
    if (receipts.length === 0) return;
    const schools = receipts.map((r) => r.school);
    const sources = receipts.map((r) => r.source);
    await this.db.transaction(async (tx) => {
      // greatest(): a batch stamped earlier (a slow request finishing late) never moves a receipt back
      await tx.query(
        `insert into warehouse.source_receipts (school_code, source, last_received_at)
         select school, source, $3::timestamptz from unnest($1::text[], $2::text[]) as t(school, source)
         on conflict (school_code, source) do update set last_received_at = greatest(warehouse.source_receipts.last_received_at, excluded.last_received_at)`,
        [schools, sources, at.toISOString()],
      );
      await tx.query(
        `insert into warehouse.source_counts (school_code, source, bucket_start, accepted, rejected)
         select school, source, $3::timestamptz, accepted, rejected from unnest($1::text[], $2::text[], $4::int[], $5::int[]) as t(school, source, accepted, rejected)
         where accepted + rejected > 0
         on conflict (school_code, source, bucket_start) do update
           set accepted = warehouse.source_counts.accepted + excluded.accepted, rejected = warehouse.source_counts.rejected + excluded.rejected`,
        [schools, sources, bucketStart(at).toISOString(), receipts.map((r) => r.accepted), receipts.map((r) => r.rejected)],
      );
    });
  }

  /** Every (school, system) ever heard from, with its last receipt. */
  async receipts(): Promise<LastReceipt[]> {
    const { rows } = await this.db.query<{ school_code: string; source: string; last_received_at: Date | string }>(
      'select school_code, source, last_received_at from warehouse.source_receipts order by 1, 2',
    );
    return rows.map((r) => ({ school: r.school_code, source: r.source, lastReceivedAt: new Date(r.last_received_at) }));
  }

  /** Taken and refused per (school, system): since `windowStart`, and in [baselineStart, windowStart). Pairs with neither are left out. */
  async counts(windowStart: Date, baselineStart: Date): Promise<SourceCounts[]> {
    const { rows } = await this.db.query<{ school_code: string; source: string; wa: number; wr: number; ba: number; br: number }>(
      `select school_code, source,
         coalesce(sum(accepted) filter (where bucket_start >= $1), 0)::int as wa,
         coalesce(sum(rejected) filter (where bucket_start >= $1), 0)::int as wr,
         coalesce(sum(accepted) filter (where bucket_start < $1), 0)::int as ba,
         coalesce(sum(rejected) filter (where bucket_start < $1), 0)::int as br
       from warehouse.source_counts where bucket_start >= $2 group by 1, 2`,
      [windowStart.toISOString(), baselineStart.toISOString()],
    );
    return rows.map((r) => ({
      school: r.school_code,
      source: r.source,
      window: { accepted: r.wa, rejected: r.wr },
      baseline: { accepted: r.ba, rejected: r.br },
    }));
  }

  /** Drops the buckets before `before` (no baseline reaches back that far); returns how many. */
  async prune(before: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'with gone as (delete from warehouse.source_counts where bucket_start < $1 returning 1) select count(*)::int as n from gone',
      [before.toISOString()],
    );
    return rows[0]?.n ?? 0;
  }
}
