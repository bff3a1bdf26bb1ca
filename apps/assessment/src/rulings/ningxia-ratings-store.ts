import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NingxiaCandidate } from '@educube/assessment-standings';
import type { YearRating } from '@educube/assessment-engine';
import { migrate, type SqlDatabase } from '@educube/postgres';
import { ASSESSMENT_NINGXIA_GRANTED_SCHEMA } from './ningxia-granted.migrations';
import { SQL_DATABASE } from '../storage/storage';

export interface GrantedRating extends YearRating {
  readonly school: string;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

@Injectable()
export class NingxiaRatingsStore implements OnModuleInit {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.db, ASSESSMENT_NINGXIA_GRANTED_SCHEMA);
  }

  /** Records (or corrects) the rating granted to a school for a year. */
  async record(r: { school: string; year: number; stars: number; note: string | null; by: string }): Promise<GrantedRating> {
    const { rows } = await this.db.query<{ school: string; year: number; stars: number; note: string | null; recorded_by: string; recorded_at: Date | string }>(
      `insert into assessment_ningxia_granted (school, year, stars, note, recorded_by) values ($1, $2, $3, $4, $5)
       on conflict (school, year) do update set stars = excluded.stars, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()
       returning school, year, stars, note, recorded_by, recorded_at`,
      [r.school, r.year, r.stars, r.note, r.by],
    );
    return toGranted(rows[0] as (typeof rows)[number]);
  }

  async granted(schools: readonly string[]): Promise<GrantedRating[]> {
    if (schools.length === 0) return [];
    const { rows } = await this.db.query<{ school: string; year: number; stars: number; note: string | null; recorded_by: string; recorded_at: Date | string }>(
      'select school, year, stars, note, recorded_by, recorded_at from assessment_ningxia_granted where school = any($1::text[]) order by school, year',
      [schools],
    );
    return rows.map(toGranted);
  }

  /** The stored Ningxia standings of the districts' schools, as the cap reads them. */
  async candidates(districts: readonly string[]): Promise<NingxiaCandidate[]> {
    const { rows } = await this.db.query<{
      school: string;
      district: string;
      score: number | null;
      stars: number | null;
      stars_by_score: number | null;
      as_of: string;
    }>(
      "select school, district, score, stars, stars_by_score, to_char(as_of, 'YYYY-MM-DD') as as_of from assessment_standing where standard = 'ningxia' and district = any($1::text[])",
      [districts],
    );
    return rows.map((r) => ({
      school: r.school,
      district: r.district,
      year: Number(r.as_of.slice(0, 4)),
      total: r.score ?? 0,
      stars: r.stars ?? 0,
      starsByScore: r.stars_by_score ?? r.stars ?? 0,
    }));
  }
}

const toGranted = (r: {
  school: string;
  year: number;
  stars: number;
  note: string | null;
  recorded_by: string;
  recorded_at: Date | string;
}): GrantedRating => ({
  school: r.school,
  year: r.year,
  stars: r.stars,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: typeof r.recorded_at === 'string' ? r.recorded_at : r.recorded_at.toISOString(),
});
