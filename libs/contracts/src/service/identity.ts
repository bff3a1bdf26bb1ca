import { z } from 'zod';
import { grade, isoDate, regionCode, schoolCode, schoolType, stage } from '../common';

/** A school as identity's organisation tree had it on a date: `GET /v1/schools/:code` and each school of `/v1/directory`. */
export const schoolViewSchema = z
  .object({
    code: schoolCode,
    name: z.string().min(1),
    regionCode: regionCode.meta({ description: 'the district it belonged to on the date' }),
    schoolType,
    stages: z.array(stage),
    classes: z.array(z.object({ stage, grade, classes: z.number().int().min(0) })),
    status: z.enum(['open', 'closed']),
    since: isoDate.meta({ description: 'the date this version of the school took effect' }),
    registeredOn: isoDate.meta({ description: 'the date the school was first registered' }),
  })
  .meta({ id: 'SchoolView' });
export type SchoolViewBody = z.output<typeof schoolViewSchema>;

export const directoryRegionSchema = z
  .object({
    code: regionCode,
    name: z.string().min(1),
    level: z.enum(['province', 'city', 'district']),
    parentCode: regionCode.nullable(),
  })
  .meta({ id: 'DirectoryRegion' });

/** `GET /v1/directory?asOf=`: the whole organisation tree on a date, for the services' roll-ups. */
export const directorySchema = z
  .object({ asOf: isoDate, regions: z.array(directoryRegionSchema), schools: z.array(schoolViewSchema) })
  .meta({ id: 'Directory' });

/** `POST /v1/id-links/resolve`: the source-system ids to resolve (each checked on its own; an invalid one is answered, not refused). */
export const idLinkResolveRequestSchema = z.strictObject({ refs: z.array(z.unknown()).max(10_000) }).meta({ id: 'IdLinkResolveRequest' });

/** One answer per ref, in order: a person id, or why there is none (yet). */
export const idLinkResultSchema = z
  .union([
    z.object({ ref: z.unknown(), personId: z.string().min(1) }),
    z.object({ ref: z.unknown(), unresolved: z.enum(['no-link', 'invalid-ref']), message: z.string().optional() }),
  ])
  .meta({ id: 'IdLinkResult' });

export const idLinkResolutionSchema = z.object({ results: z.array(idLinkResultSchema) }).meta({ id: 'IdLinkResolution' });
export type IdLinkResolution = z.output<typeof idLinkResolutionSchema>;

/** `POST /v1/access/visible-schools`: the schools a principal may see on the date; an unsound scope sees none and says why. */
export const visibleSchoolsAnswerSchema = z
  .object({ asOf: isoDate, schools: z.array(schoolCode), problem: z.string().optional() })
  .meta({ id: 'VisibleSchools' });
