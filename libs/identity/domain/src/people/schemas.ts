import { isoDate, localId, personRef, regionCode, schoolCode, stage, subject } from '@educube/contracts';
import { ROLES } from '../access/access';
import { z } from 'zod';
import type { PeopleCommand, PeopleEvent } from './people';

// Boundary schemas for the people streams, typed against the domain unions (see org-tree/schemas).

/** A key the domain always carries, possibly undefined; JSON drops such keys, so accept it missing. */
const maybe = <T extends z.ZodType>(t: T) => t.optional().transform((v): z.output<T> | undefined => v);
const personId = z.string().min(1).max(64);
const kind = z.enum(['teacher', 'student', 'staff', 'officer', 'parent']);
const role = z.enum(ROLES);
const scope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), regionCode }),
  z.strictObject({ kind: z.literal('schools'), schoolCodes: z.array(schoolCode).min(1).max(100) }),
]);
const post = z.enum(['专任教师', '管理人员', '教辅人员', '工勤人员']);
const reason = z.enum(['调出', '退休', '离职', '毕业', '转出', '休学', '其他']);
const on = { effectiveOn: isoDate };
const placement = z.strictObject({
  schoolCode,
  post: maybe(post),
  stages: z.array(stage),
  subjects: z.array(subject),
  grade: maybe(z.number().int()),
  classId: maybe(localId),
});
const placementSpec = z.strictObject({
  schoolCode: z.string(),
  post: post.optional(),
  stages: z.array(stage),
  subjects: z.array(subject).optional(),
  grade: z.number().int().optional(),
  classId: z.string().optional(),
});

export const peopleEventSchema: z.ZodType<PeopleEvent> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('PersonRegistered'), data: z.strictObject({ personId, kind, ...on }) }),
  z.strictObject({ type: z.literal('PersonAssigned'), data: z.strictObject({ personId, placement, ...on }) }),
  z.strictObject({ type: z.literal('PersonTransferred'), data: z.strictObject({ personId, fromSchoolCode: schoolCode, placement, ...on }) }),
  z.strictObject({ type: z.literal('PersonLeft'), data: z.strictObject({ personId, reason, ...on }) }),
  z.strictObject({ type: z.literal('IdLinked'), data: z.strictObject({ personId, ref: personRef, ...on }) }),
  z.strictObject({ type: z.literal('IdUnlinked'), data: z.strictObject({ personId, ref: personRef, ...on }) }),
  z.strictObject({ type: z.literal('RoleGranted'), data: z.strictObject({ personId, role, scope, ...on }) }),
  z.strictObject({ type: z.literal('RoleRevoked'), data: z.strictObject({ personId, role, ...on }) }),
]);

export const peopleCommandSchema: z.ZodType<PeopleCommand> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RegisterPerson'), data: z.strictObject({ personId: z.string(), kind, ...on }) }),
  z.strictObject({ type: z.literal('AssignStaff'), data: z.strictObject({ personId: z.string(), placement: placementSpec, ...on }) }),
  z.strictObject({ type: z.literal('EnrolStudent'), data: z.strictObject({ personId: z.string(), placement: placementSpec, ...on }) }),
  z.strictObject({ type: z.literal('TransferPerson'), data: z.strictObject({ personId: z.string(), placement: placementSpec, ...on }) }),
  z.strictObject({ type: z.literal('RecordLeaving'), data: z.strictObject({ personId: z.string(), reason, ...on }) }),
  z.strictObject({ type: z.literal('LinkId'), data: z.strictObject({ personId: z.string(), ref: personRef, ...on }) }),
  z.strictObject({ type: z.literal('UnlinkId'), data: z.strictObject({ ref: personRef, ...on }) }),
  z.strictObject({ type: z.literal('GrantRole'), data: z.strictObject({ personId: z.string(), role, scope, ...on }) }),
  z.strictObject({ type: z.literal('RevokeRole'), data: z.strictObject({ personId: z.string(), role, ...on }) }),
]);
