import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { IndexedDirectory, OrgDirectory } from '@educube/identity-client';
import type { Actor } from '@educube/oidc';
import type { SqlDatabase } from '@educube/postgres';
import { Allow, Api, CurrentActor, ZodBody, ZodParams, ZodQuery } from '@educube/service-kit';
import { activitySeries, sumByMonth, TEACHERS_SOURCE } from '@educube/warehouse-read-models';
import { pendingActivity, regionActivity, schoolActivity } from '@educube/warehouse-read-models-postgres';
import { z } from 'zod';
import { ORG_DIRECTORY } from '../activity/rollup';
import { SQL_DATABASE } from '../storage/storage';
import { OFFICERS, ReadScope, SERVICE } from './auth';
import { monthRange, month, rangeQuery, regionCode, schoolCode } from './input';
import { Problem } from './problem';

export const MAX_SCHOOLS = 500;
const schoolsBody = z.strictObject({ schools: z.array(schoolCode).min(1).max(MAX_SCHOOLS), from: month, to: month }).superRefine(monthRange);
const regionParams = z.object({ code: regionCode });

const monthActivity = z
  .looseObject({ month })
  .meta({ id: 'ActivityMonth', description: 'one month of activity figures (devices, uploads, remote lessons, spaces, attendance); see `definitions`' });
const definitions = { teachersSource: z.string(), definitions: z.record(z.string(), z.string()) };
const regionActivityAnswer = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  from: month,
  to: month,
  schools: z.number().int(),
  months: z.array(monthActivity),
  ...definitions,
  pendingRecomputation: z.unknown(),
});
const schoolsActivityAnswer = z.object({
  from: month,
  to: month,
  schools: z.array(z.object({ school: z.string(), region: z.string().nullable(), months: z.array(monthActivity) })),
  ...definitions,
});

/** Said in every answer, so a dashboard can footnote its ratios. */
export const DEFINITIONS = {
  teachersSource: TEACHERS_SOURCE,
  definitions: {
    devices:
      "devices = registered (DeviceRegistered.registeredOn) by the month’s end and not written off (latest status 报废) by then; devicesInUse = of those, the ones whose latest status is 在用 (today's status: the warehouse keeps no status history); devicesPerTeacher = devices / teachers; devicesPerClass = devices / classes (行政班 of the same HeadcountReported)",
    uploadsPerTeacher: 'teacherUploads (ResourceUploaded with uploaderRole teacher, China-local month of uploadedAt) / teachers',
    remoteLessons: '专递课堂, 名师课堂, 名校网络课堂, 同步课堂; threeClassroomLessons: the first three (三个课堂)',
    activeTeacherSpaces:
      'teachers with at least one LearningActivitySummarized (role teacher) whose period starts in the month; teacherSpaceEvents: their activities summed over kinds',
    attendance: "students' DailyAttendanceRecorded summed over the month's class-days (a corrected day counts once); attendanceRate = present / expected",
  },
};

/**
 * Monthly activity per school and per region, from the warehouse's read models: school rows
 * recomputed as events arrive, district rows kept by difference; a city or province is the sum
 * of its districts' rows (tens of rows, never every school).
 */
@Controller('v1/activity')
export class ActivityController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    private readonly scope: ReadScope,
  ) {}

  @Allow([...OFFICERS, SERVICE], "officers: regions within theirs by identity's tree (any other answers 404 like an unknown one); services: every region")
  @Api({ summary: "a region's monthly activity, summed over its subtree", response: regionActivityAnswer, errors: [404, 503] })
  @Get('regions/:code')
  async region(
    @CurrentActor() actor: Actor,
    @ZodParams(regionParams) { code: region }: z.output<typeof regionParams>,
    @ZodQuery(rangeQuery) { from, to }: z.output<typeof rangeQuery>,
  ) {
    const tree = await this.directory.on();
    const found = tree.region(region);
    if (!found || !(await this.scope.regionVisible(actor, region, tree))) throw notFound('region', region);
    const rows = await regionActivity(this.db, subtree(tree, region), to);
    return {
      region: { code: found.code, name: found.name, level: found.level },
      from,
      to,
      schools: tree.schoolsUnder(region).length,
      months: activitySeries(sumByMonth(rows), from, to),
      ...DEFINITIONS,
      pendingRecomputation: await pendingActivity(this.db),
    };
  }

  @Allow([...OFFICERS, SERVICE], "officers: schools of their region by identity's tree (any other answers 404 like an unknown one); services: every school")
  @Post('schools')
  @HttpCode(200)
  @Api({ summary: "schools' monthly activity", response: schoolsActivityAnswer, errors: [404, 503] })
  async schools(@CurrentActor() actor: Actor, @ZodBody(schoolsBody) { schools, from, to }: z.output<typeof schoolsBody>) {
    const codes = [...new Set(schools)];
    const tree = await this.directory.on();
    await this.scope.requireSchools(actor, schools, tree);
    const rows = await schoolActivity(this.db, codes, to);
    return {
      from,
      to,
      schools: codes.map((school) => ({
        school,
        region: tree.school(school)?.regionCode ?? null,
        months: activitySeries(sumByMonth(rows.get(school) ?? []), from, to),
      })),
      ...DEFINITIONS,
    };
  }
}

/** The region and every region below it: the district rows to sum. */
export function subtree(tree: IndexedDirectory, code: string): string[] {
  return [code, ...tree.children(code).flatMap((c) => subtree(tree, c.code))];
}

export const notFound = (what: 'region' | 'school', code: string, path = 'code'): Problem =>
  new Problem(404, 'Not found', `no ${what} ${code} that you may see`, [{ path, rule: `known-${what}`, value: code }]);
