import { z } from 'zod';
import {
  classId,
  count,
  dateOrder,
  grade,
  gradeInStage,
  isoDate,
  issue,
  level,
  personRef,
  regionCode,
  roomId,
  schoolType,
  stage,
  STAGES_OF_SCHOOL_TYPE,
  subject,
  unique,
  localId,
} from '../common';
import { defineEvent } from '../envelope';

// Roster facts are the denominators of the standards' ratios (teachers or students per
// stage as of a date): 师机比/生机比, 95% of teachers and students with a space, the cloud
// index per teacher user; and the organisation the 保障 items ask for (领导小组, CIO, 网管,
// 学科融合负责人, certificates). Published by the identity service. Registrations with the
// same id are snapshots: the latest one wins.

export const SchoolRegisteredV1 = defineEvent({
  family: 'roster',
  name: 'SchoolRegistered',
  version: 1,
  summary: 'A school entered the registry (or its registry record changed) with its type and stages.',
  data: z
    .strictObject({
      name: z.string().min(2).max(100).describe('学校名称'),
      regionCode: regionCode.describe('county/district the school belongs to'),
      schoolType,
      stages: z.array(stage).min(1).max(4).describe('学段 the school runs; a multi-stage school meets each stage’s threshold'),
      registeredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.stages, ['stages']);
      const missing = STAGES_OF_SCHOOL_TYPE[d.schoolType].filter((s) => !d.stages.includes(s));
      if (missing.length)
        issue(
          ctx,
          ['stages'],
          'stages-of-school-type',
          `a ${d.schoolType} school runs ${STAGES_OF_SCHOOL_TYPE[d.schoolType].join(' and ')}; missing ${missing.join(', ')}`,
        );
    }),
});

export const ClassOpenedV1 = defineEvent({
  family: 'roster',
  name: 'ClassOpened',
  version: 1,
  summary: 'A class (行政班 or 教学班) exists from a date, with its home room; the latest event for a classId wins.',
  data: z
    .strictObject({
      classId,
      classKind: z.enum(['行政班', '教学班']).describe('班级类型: 行政班 (Zhejiang 24 个班级, Ningbo 每 18 个班级), 教学班 (Ningxia 3 每个教学班)'),
      stage,
      grade,
      homeRoomId: roomId.optional().describe('班级教室: the room the class is taught in (百兆进班, 班班通, 交互式教学设备 per class)'),
      openedOn: isoDate,
    })
    .superRefine((d, ctx) => gradeInStage(ctx, d.stage, d.grade, ['grade'])),
});

export const ClassClosedV1 = defineEvent({
  family: 'roster',
  name: 'ClassClosed',
  version: 1,
  summary: 'A class no longer exists (graduated, merged); class counts as of later dates leave it out.',
  data: z.strictObject({ classId, closedOn: isoDate }),
});

export const TeacherAssignedV1 = defineEvent({
  family: 'roster',
  name: 'TeacherAssigned',
  version: 1,
  summary: 'A teacher or staff member works at the school from a date, in a post, stages and subjects; a later event for the same person wins.',
  data: z
    .strictObject({
      teacher: personRef,
      post: z
        .enum(['专任教师', '管理人员', '教辅人员', '工勤人员'])
        .describe('岗位: 专任教师 are the denominator of per-teacher ratios; all posts are 学校人员'),
      stages: z.array(stage).min(1).max(4),
      subjects: z.array(subject).max(10).default([]).describe('任教学科 (学科组 per subject, Ningxia 17)'),
      assignedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.stages, ['stages']);
      unique(ctx, d.subjects, ['subjects']);
    }),
});

export const TeacherLeftV1 = defineEvent({
  family: 'roster',
  name: 'TeacherLeft',
  version: 1,
  summary: 'A teacher stopped working at the school; ratios as of later dates no longer count them.',
  data: z.strictObject({ teacher: personRef, leftOn: isoDate, reason: z.enum(['调出', '退休', '离职', '其他']).describe('离校原因') }),
});

export const StudentEnrolledV1 = defineEvent({
  family: 'roster',
  name: 'StudentEnrolled',
  version: 1,
  summary: 'A student enrolled in a class (入学: new entrant, transfer in, or a move to another class; the latest event wins).',
  data: z
    .strictObject({ student: personRef, stage, grade, classId, enrolledOn: isoDate })
    .superRefine((d, ctx) => gradeInStage(ctx, d.stage, d.grade, ['grade'])),
});

export const StudentLeftV1 = defineEvent({
  family: 'roster',
  name: 'StudentLeft',
  version: 1,
  summary: 'A student left the school.',
  data: z.strictObject({ student: personRef, leftOn: isoDate, reason: z.enum(['毕业', '转出', '休学', '其他']).describe('离校原因') }),
});

export const HeadcountReportedV1 = defineEvent({
  family: 'roster',
  name: 'HeadcountReported',
  version: 1,
  summary: 'Headcounts per stage as of a date, for schools whose registry gives totals rather than people (教育事业统计).',
  data: z
    .strictObject({
      asOf: isoDate,
      byStage: z
        .array(z.strictObject({ stage, teachers: count.describe('专任教师'), students: count, classes: count.describe('行政班') }))
        .min(1)
        .max(4),
    })
    .superRefine((d, ctx) => unique(ctx, d.byStage, ['byStage'], (s) => s.stage)),
});

/** 角色: the posts the organisation items name. */
export const schoolRole = z
  .enum(['校长', '分管校长', '校领导', '中层以上管理者', '首席信息官', '信息化负责人', '信息化管理人员', '网管', '学科融合负责人'])
  .describe('角色: 首席信息官 = CIO; 信息化管理人员 专职/兼职 by fullTime; 学科融合负责人 per subject');
const ROLES_WITH_FULL_TIME = ['信息化管理人员', '网管'];

function roleRules(d: { role: string; subject?: string | undefined; fullTime?: boolean | undefined }, ctx: z.RefinementCtx, withFullTime: boolean): void {
  const perSubject = d.role === '学科融合负责人';
  if (perSubject && d.subject === undefined) issue(ctx, ['subject'], 'required-for-kind', "is required for role '学科融合负责人' (one per subject)");
  if (!perSubject && d.subject !== undefined) issue(ctx, ['subject'], 'only-for-kind', "is only allowed for role '学科融合负责人'");
  if (withFullTime) {
    const needs = ROLES_WITH_FULL_TIME.includes(d.role);
    if (needs && d.fullTime === undefined) issue(ctx, ['fullTime'], 'required-for-kind', `is required for role '${d.role}' (专职 or 兼职)`);
    if (!needs && d.fullTime !== undefined) issue(ctx, ['fullTime'], 'only-for-kind', `is only allowed for roles ${ROLES_WITH_FULL_TIME.join(', ')}`);
  }
}

export const RoleAssignedV1 = defineEvent({
  family: 'roster',
  name: 'RoleAssigned',
  version: 1,
  summary: 'A person took on a role (校长, CIO, 网管, 学科融合负责人 …) from a date.',
  data: z
    .strictObject({
      person: personRef,
      role: schoolRole,
      subject: subject.optional().describe('the subject of a 学科融合负责人'),
      fullTime: z.boolean().optional().describe('专职 (true) or 兼职 (false), for 信息化管理人员 and 网管'),
      assignedOn: isoDate,
    })
    .superRefine((d, ctx) => roleRules(d, ctx, true)),
});

export const RoleRevokedV1 = defineEvent({
  family: 'roster',
  name: 'RoleRevoked',
  version: 1,
  summary: 'A person no longer holds a role.',
  data: z
    .strictObject({ person: personRef, role: schoolRole, subject: subject.optional(), revokedOn: isoDate })
    .superRefine((d, ctx) => roleRules(d, ctx, false)),
});

export const OrgUnitEstablishedV1 = defineEvent({
  family: 'roster',
  name: 'OrgUnitEstablished',
  version: 1,
  summary: 'A leadership group, task force or department exists, with its leader and members; the latest event for an orgUnitId wins.',
  data: z
    .strictObject({
      orgUnitId: localId,
      kind: z
        .enum(['智慧校园建设领导小组', '信息化工作领导小组', '智慧校园建设工作专班', '信息化中层机构', '信息化工作管理部门', 'CIO微团队', '其他'])
        .describe(
          '机构类型: 智慧校园建设(工作)领导小组 (Zhejiang, Ningbo); 信息化工作/建设领导小组 (Jiangsu, Ningxia); 工作专班; 信息化中层机构; 信息化工作管理部门; CIO微团队 (Wenzhou)',
        ),
      leader: personRef.describe('组长'),
      members: z.array(personRef).max(100).default([]),
      establishedOn: isoDate,
    })
    .superRefine((d, ctx) => unique(ctx, d.members, ['members'], (p) => `${p.system}/${p.localId}`)),
});

export const OrgUnitDissolvedV1 = defineEvent({
  family: 'roster',
  name: 'OrgUnitDissolved',
  version: 1,
  summary: 'An org unit no longer exists.',
  data: z.strictObject({ orgUnitId: localId, dissolvedOn: isoDate }),
});

export const CredentialRecordedV1 = defineEvent({
  family: 'roster',
  name: 'CredentialRecorded',
  version: 1,
  summary: 'A staff member holds a certificate (网络安全管理上岗资质证 …); the image stays in the source system.',
  data: z
    .strictObject({
      holder: personRef,
      kind: z.enum(['网络安全管理上岗资质证', '信息化相关证书', '其他']).describe('证书类型'),
      issuerKind: z.enum(['教育部门', '行业', '其他']).describe('颁发单位: 教育部门 or 相关行业 (Wenzhou 26)'),
      issuerLevel: level.describe('颁发级别 (Jiangsu 市级以上相关证书)'),
      issuedOn: isoDate,
      validUntil: isoDate.optional(),
    })
    .superRefine((d, ctx) => dateOrder(ctx, d.issuedOn, d.validUntil, ['validUntil'], 'issuedOn')),
});

export const rosterEvents = [
  SchoolRegisteredV1,
  ClassOpenedV1,
  ClassClosedV1,
  TeacherAssignedV1,
  TeacherLeftV1,
  StudentEnrolledV1,
  StudentLeftV1,
  HeadcountReportedV1,
  RoleAssignedV1,
  RoleRevokedV1,
  OrgUnitEstablishedV1,
  OrgUnitDissolvedV1,
  CredentialRecordedV1,
] as const;
