import type { z } from 'zod';
import type { CloudEvent, EventDefinition } from '../envelope';
import * as E from '../events';

// Small factories for tests across the repo: a valid event of any type, changed only where a
// test says so. Not blobs: each default is the least a valid event needs.

const teacher = { system: 'timetabling', localId: 'T0001' };
const student = { system: 'attendance-card', localId: 'S0001' };

type DataOf<D extends EventDefinition> = z.input<D['data']>;
const samples = new Map<string, () => unknown>();
function sample<D extends EventDefinition>(def: D, make: () => DataOf<D>): void {
  samples.set(def.type, make);
}

sample(E.SchoolRegisteredV1, () => ({ name: '宁波市海曙区中心小学', regionCode: '330203', schoolType: '九年一贯', stages: ['小学', '初中'], registeredOn: '2020-09-01' }));
sample(E.ClassRegisteredV1, () => ({ classId: 'C-2026-1-1', stage: '小学', grade: 1, openedOn: '2026-09-01' }));
sample(E.TeacherAssignedV1, () => ({ teacher, post: '专任教师', stage: '小学', subjects: ['数学'], assignedOn: '2026-09-01' }));
sample(E.TeacherLeftV1, () => ({ teacher, leftOn: '2027-01-31', reason: '调出' }));
sample(E.StudentEnrolledV1, () => ({ student, stage: '小学', grade: 1, classId: 'C-2026-1-1', enrolledOn: '2026-09-01' }));
sample(E.StudentLeftV1, () => ({ student, leftOn: '2027-06-30', reason: '转出' }));
sample(E.HeadcountReportedV1, () => ({ asOf: '2026-09-30', byStage: [{ stage: '小学', teachers: 80, students: 1200, classes: 30 }] }));
sample(E.LessonTimetabledV1, () => ({ lessonId: 'L-1', date: '2026-09-07', period: 1, stage: '小学', grade: 1, classId: 'C-2026-1-1', subject: '数学', teacher, mode: '专递课堂', roomType: '录播教室', partnerSchoolCodes: ['3302030002'] }));
sample(E.LessonCancelledV1, () => ({ lessonId: 'L-1', reason: '台风停课' }));
sample(E.LessonPreparedV1, () => ({ lessonId: 'L-1', teacher, stage: '小学', subject: '数学', preparedOn: '2026-09-05', onPlatform: true, collective: true }));
sample(E.CourseOfferedV1, () => ({ courseId: 'K-AI-1', title: '小学人工智能启蒙', kind: '校本课程', topic: '人工智能', stage: '小学', grades: [5, 6], weeklyPeriods: 1, semesterStart: '2026-09-01' }));
sample(E.ExamHeldV1, () => ({ examId: 'X-1', kind: '期中', stage: '小学', grades: [5], subjects: ['数学'], heldOn: '2026-11-10', delivery: '纸笔', marking: '网上阅卷' }));
sample(E.ScoresPublishedV1, () => ({ examId: 'X-1', classId: 'C-2022-5-1', subject: '数学', candidates: 40, scored: 40, average: 86.5, fullMarks: 100, analysisReport: true, publishedOn: '2026-11-12' }));
sample(E.HomeworkAssignedV1, () => ({ assignmentId: 'H-1', classId: 'C-2026-1-1', subject: '语文', teacher, assignedOn: '2026-09-08', online: true, personalised: true, recipients: 40, submissions: 38 }));
sample(E.EvaluationRecordedV1, () => ({ student, dimension: '社会实践', recordedOn: '2026-10-01', recordedBy: 'teacher' }));
sample(E.DeviceRegisteredV1, () => ({ assetId: 'A-1', deviceType: '教师计算机', ownerRole: 'teacher', roomType: '办公室', status: '在用', acquiredOn: '2025-08-20', registeredOn: '2025-08-21' }));
sample(E.DeviceStatusChangedV1, () => ({ assetId: 'A-1', status: '维修', changedOn: '2026-10-01' }));
sample(E.NetworkLinkReportedV1, () => ({ link: '互联网出口', bandwidthMbps: 1000, ipv6: true, reportedOn: '2026-09-01' }));
sample(E.InformationSystemRegisteredV1, () => ({ systemId: 'SYS-1', name: '智慧排课系统', category: '教学', unifiedIdentity: true, dataToWarehouse: true, securityProtectionLevel: 2, logRetentionDays: 180, registeredOn: '2026-09-01' }));
sample(E.DailyAttendanceRecordedV1, () => ({ date: '2026-09-07', role: 'student', classId: 'C-2026-1-1', stage: '小学', grade: 1, expected: 40, present: 39, late: 1, onLeave: 1, absent: 0, method: '人脸识别' }));
sample(E.LearningSpaceOpenedV1, () => ({ spaceId: 'SP-1', ownerRole: 'teacher', owner: teacher, platformLevel: 'province', realName: true, openedOn: '2026-09-01' }));
sample(E.ExperiencePointsAwardedV1, () => ({ awardId: 'XP-1', owner: teacher, ownerRole: 'teacher', scheme: '空间经验值', points: 5, activity: '发布资源', awardedAt: '2026-09-07T10:00:00+08:00' }));
sample(E.TrainingCompletedV1, () => ({ trainingId: 'TR-1', teacher, hours: 2.5, topic: '人工智能', organiserLevel: 'city', online: true, completedOn: '2026-10-15' }));
sample(E.ResearchActivityHeldV1, () => ({ activityId: 'R-1', kind: '同步教研', synchronous: true, online: true, organiserLevel: 'county', participants: 24, partnerSchoolCodes: ['3302030002', '3302030003'], subject: '数学', heldOn: '2026-10-20' }));
sample(E.ResourceUploadedV1, () => ({ resourceId: 'RS-1', uploader: teacher, kind: '微课', title: '分数的初步认识', stage: '小学', grade: 3, subject: '数学', microLessonCount: 6, durationMinutes: 48, platformLevel: 'school', original: true, uploadedAt: '2026-09-10T16:00:00+08:00' }));
sample(E.ResourceUpdatedV1, () => ({ resourceId: 'RS-2', kind: '试卷', updatedBy: teacher, updatedAt: '2026-10-10T16:00:00+08:00' }));
sample(E.ResourceSharedV1, () => ({ resourceId: 'RS-1', kind: '微课', sharedBy: teacher, toLevel: 'county', sharedAt: '2026-09-12T09:00:00+08:00' }));
sample(E.ResourceRecommendedV1, () => ({ resourceId: 'RS-3', kind: '家庭教育资源', audience: '家长', recommendedAt: '2026-09-20T09:00:00+08:00' }));
sample(E.AchievementRecognizedV1, () => ({ achievementId: 'AW-1', kind: '优课', level: 'province', awardeeRole: 'teacher', awardee: teacher, rank: '一等奖', recognizedOn: '2026-12-01' }));

/** Valid data for a type, with the given fields replaced. */
export function sampleData<D extends EventDefinition>(def: D, overrides: Partial<DataOf<D>> = {}): DataOf<D> {
  const make = samples.get(def.type);
  if (!make) throw new Error(`no sample data for ${def.type}: add one in libs/contracts/src/testing/factories.ts`);
  return { ...(make() as object), ...overrides } as DataOf<D>;
}

export function hasSample(def: EventDefinition): boolean {
  return samples.has(def.type);
}

let counter = 0;

/** A valid CloudEvent of the given type; data and envelope fields can be overridden. */
export function anEvent<D extends EventDefinition>(
  def: D,
  data: Partial<DataOf<D>> = {},
  envelope: Partial<Omit<CloudEvent, 'data'>> = {},
): CloudEvent<D['type'], DataOf<D>> {
  counter += 1;
  const subject = envelope.subject ?? '3302030001';
  return {
    specversion: '1.0',
    id: `evt-${process.pid}-${counter}`,
    source: `/schools/${subject}/${def.family}`,
    type: def.type,
    time: '2026-09-07T08:00:00+08:00',
    subject,
    ...envelope,
    data: sampleData(def, data),
  } as CloudEvent<D['type'], DataOf<D>>;
}
