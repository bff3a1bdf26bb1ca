import type { HeadcountReportedV1, SchoolRegisteredV1 } from '@educube/contracts';
import type { z } from 'zod';
import type { IsoDate } from '../shared/dates';
import type { OrgTreeState } from '../org-tree/model';
import { classTotal, schoolAsOf } from '../org-tree/queries';
import type { PeopleState } from './people';
import { headcountsAsOf, type SchoolHeadcount } from './queries';

export type SchoolRegisteredData = z.input<(typeof SchoolRegisteredV1)['data']>;
export type HeadcountReportedData = z.input<(typeof HeadcountReportedV1)['data']>;

/**
 * The published roster.SchoolRegistered payload for a school as of a date (the app wraps it in
 * the CloudEvents envelope, subject = school code). Undefined if the school did not exist then.
 */
export function schoolRegisteredFact(tree: OrgTreeState, schoolCode: string, asOf: IsoDate): SchoolRegisteredData | undefined {
  const s = schoolAsOf(tree, schoolCode, asOf);
  return s && { name: s.name, regionCode: s.regionCode, schoolType: s.schoolType, stages: [...s.stages], registeredOn: s.registeredOn };
}

/**
 * The roster.HeadcountReported payload: per stage the school runs on `asOf`, 专任教师, students
 * (people placed there that day) and 行政班 (the class counts of the org tree). These are the
 * denominators of the standards' ratios (师机比, 生机比, per-teacher resources).
 */
export function headcountFact(
  tree: OrgTreeState,
  people: PeopleState,
  schoolCode: string,
  asOf: IsoDate,
  counts?: Map<string, SchoolHeadcount>,
): HeadcountReportedData | undefined {
  const s = schoolAsOf(tree, schoolCode, asOf);
  if (!s) return undefined;
  const h = (counts ?? headcountsAsOf(people, asOf)).get(schoolCode);
  return {
    asOf,
    byStage: s.stages.map((stage) => {
      const row = h?.byStage.find((b) => b.stage === stage);
      return { stage, teachers: row?.teachers ?? 0, students: row?.students ?? 0, classes: classTotal(s.classes, stage) };
    }),
  };
}
