import { isoDate, regionCode, schoolCode, schoolType, stage } from '@educube/contracts';
import { z } from 'zod';
import type { OrgCommand, OrgEvent } from './decider';

// Boundary schemas for the identity service's own streams: the app parses commands from HTTP and
// events read back from the event store with these; the decider then enforces the domain rules.
// Typed against the domain unions so the two cannot drift apart.

/** A key the domain always carries, possibly undefined; JSON drops such keys, so accept it missing. */
const maybe = <T extends z.ZodType>(t: T) => t.optional().transform((v): z.output<T> | undefined => v);
const classCount = z.strictObject({ stage, grade: z.number().int(), classes: z.number().int() });
const on = { effectiveOn: isoDate };

export const orgEventSchema: z.ZodType<OrgEvent> = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('RegionRegistered'),
    data: z.strictObject({ code: regionCode, name: z.string(), level: z.enum(['province', 'city', 'district']), parentCode: maybe(regionCode), ...on }),
  }),
  z.strictObject({
    type: z.literal('SchoolRegistered'),
    data: z.strictObject({ code: schoolCode, name: z.string(), regionCode, schoolType, stages: z.array(stage), classes: z.array(classCount), ...on }),
  }),
  z.strictObject({ type: z.literal('SchoolRenamed'), data: z.strictObject({ code: schoolCode, from: z.string(), to: z.string(), ...on }) }),
  z.strictObject({ type: z.literal('SchoolMoved'), data: z.strictObject({ code: schoolCode, fromRegionCode: regionCode, toRegionCode: regionCode, ...on }) }),
  z.strictObject({ type: z.literal('SchoolClosed'), data: z.strictObject({ code: schoolCode, ...on }) }),
  z.strictObject({ type: z.literal('SchoolReopened'), data: z.strictObject({ code: schoolCode, ...on }) }),
  z.strictObject({
    type: z.literal('SchoolTypeChanged'),
    data: z.strictObject({ code: schoolCode, schoolType, stages: z.array(stage), classes: z.array(classCount), ...on }),
  }),
  z.strictObject({ type: z.literal('SchoolClassesCounted'), data: z.strictObject({ code: schoolCode, classes: z.array(classCount), ...on }) }),
]);

export const orgCommandSchema: z.ZodType<OrgCommand> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RegisterRegion'), data: z.strictObject({ code: z.string(), name: z.string(), ...on }) }),
  z.strictObject({
    type: z.literal('RegisterSchool'),
    data: z.strictObject({
      code: z.string(),
      name: z.string(),
      regionCode: z.string(),
      schoolType,
      stages: z.array(stage).optional(),
      classes: z.array(classCount).optional(),
      ...on,
    }),
  }),
  z.strictObject({ type: z.literal('RenameSchool'), data: z.strictObject({ code: z.string(), name: z.string(), ...on }) }),
  z.strictObject({ type: z.literal('MoveSchool'), data: z.strictObject({ code: z.string(), toRegionCode: z.string(), ...on }) }),
  z.strictObject({ type: z.literal('CloseSchool'), data: z.strictObject({ code: z.string(), ...on }) }),
  z.strictObject({ type: z.literal('ReopenSchool'), data: z.strictObject({ code: z.string(), ...on }) }),
  z.strictObject({ type: z.literal('SetSchoolType'), data: z.strictObject({ code: z.string(), schoolType, stages: z.array(stage).optional(), ...on }) }),
  z.strictObject({ type: z.literal('SetSchoolClasses'), data: z.strictObject({ code: z.string(), classes: z.array(classCount), ...on }) }),
]);
