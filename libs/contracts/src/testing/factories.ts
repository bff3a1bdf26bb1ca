import type { z } from 'zod';
import type { CloudEvent, EventDefinition } from '../envelope';
import * as E from '../events';

// Small factories for tests across the repo: a valid event of any type, changed only where a
// test says so. Not blobs: each default is the least a valid event needs.

const teacher = { system: 'timetabling', localId: 'T0001' };
const student = { system: 'attendance-card', localId: 'S0001' };

type DataOf<D extends EventDefinition> = z.input<D['data']>;
const samples = new Map<string, () => unknown>();
// Curried so that D is fixed by the definition before the sample is typed against it.
function sample<D extends EventDefinition>(def: D): (make: () => DataOf<D>) => void {
  return (make) => void samples.set(def.type, make);
}

const head = { system: 'identity', localId: 'P0001' };
const cio = { system: 'identity', localId: 'P0002' };

// roster
sample(E.SchoolRegisteredV1)(() => ({
  name: '宁波市海曙区中心小学',
  regionCode: '330203',
  schoolType: '九年一贯',
  stages: ['小学', '初中'],
  registeredOn: '2020-09-01',
}));
sample(E.ClassOpenedV1)(() => ({ classId: 'C-2026-1-1', classKind: '行政班', stage: '小学', grade: 1, homeRoomId: 'R-101', openedOn: '2026-09-01' }));
sample(E.ClassClosedV1)(() => ({ classId: 'C-2020-6-1', closedOn: '2026-07-01' }));
sample(E.TeacherAssignedV1)(() => ({ teacher, post: '专任教师', stages: ['小学'], subjects: ['数学'], assignedOn: '2026-09-01' }));
sample(E.TeacherLeftV1)(() => ({ teacher, leftOn: '2027-01-31', reason: '调出' }));
sample(E.StudentEnrolledV1)(() => ({ student, stage: '小学', grade: 1, classId: 'C-2026-1-1', enrolledOn: '2026-09-01' }));
sample(E.StudentLeftV1)(() => ({ student, leftOn: '2027-06-30', reason: '转出' }));
sample(E.HeadcountReportedV1)(() => ({ asOf: '2026-09-30', byStage: [{ stage: '小学', teachers: 80, students: 1200, classes: 30 }] }));
sample(E.RoleAssignedV1)(() => ({ person: cio, role: '首席信息官', assignedOn: '2026-09-01' }));
sample(E.RoleRevokedV1)(() => ({ person: teacher, role: '学科融合负责人', subject: '数学', revokedOn: '2027-01-31' }));
sample(E.OrgUnitEstablishedV1)(() => ({ orgUnitId: 'OU-1', kind: '智慧校园建设领导小组', leader: head, members: [cio, teacher], establishedOn: '2026-09-01' }));
sample(E.OrgUnitDissolvedV1)(() => ({ orgUnitId: 'OU-0', dissolvedOn: '2026-08-31' }));
sample(E.CredentialRecordedV1)(() => ({
  holder: cio,
  kind: '网络安全管理上岗资质证',
  issuerKind: '教育部门',
  issuerLevel: 'city',
  issuedOn: '2025-06-01',
  validUntil: '2028-05-31',
}));

// timetabling
sample(E.SchoolCalendarPublishedV1)(() => ({
  schoolYear: '2026-2027',
  semesters: [
    { semester: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-22', teachingWeeks: 20 },
    { semester: '第二学期', startsOn: '2027-02-22', endsOn: '2027-07-02', teachingWeeks: 19 },
  ],
}));
sample(E.CourseOfferedV1)(() => ({
  courseId: 'K-AI-1',
  title: '小学人工智能启蒙',
  kind: '校本课程',
  courseType: '拓展型',
  category: '科学创造',
  subject: '信息科技',
  topics: ['人工智能'],
  stage: '小学',
  grades: [5, 6],
  schoolYear: '2026-2027',
  semester: '第一学期',
  plannedPeriods: 16,
}));
sample(E.CourseSelectionClosedV1)(() => ({
  roundId: 'XK-1',
  schoolYear: '2026-2027',
  semester: '第一学期',
  stage: '小学',
  courses: [{ courseId: 'K-AI-1', students: 38 }],
  closedOn: '2026-09-10',
}));
sample(E.LessonTimetabledV1)(() => ({
  lessonId: 'L-1',
  date: '2026-09-07',
  period: 1,
  periods: 1,
  stage: '小学',
  classId: 'C-2026-1-1',
  subject: '数学',
  teacher,
  roomId: 'R-101',
  mode: '专递课堂',
  partnerSchoolCodes: ['3302030002'],
  scheduledBy: '智能排课',
}));
sample(E.LessonTimetabledV2)(() => ({
  lessonId: 'L-1',
  date: '2026-09-07',
  period: 1,
  periods: 1,
  stage: '小学',
  classId: 'C-2026-1-1',
  subject: '数学',
  teachers: [teacher],
  roomId: 'R-101',
  mode: '专递课堂',
  partnerSchoolCodes: ['3302030002'],
  scheduledBy: '智能排课',
}));
sample(E.LessonCancelledV1)(() => ({ lessonId: 'L-1', reason: '台风停课' }));
sample(E.LessonDeliveredV1)(() => ({
  lessonId: 'L-1',
  deliveredOn: '2026-09-07',
  periods: 1,
  stage: '小学',
  subject: '数学',
  classIds: ['C-2026-1-1'],
  teachers: [teacher],
  roomId: 'R-101',
  mode: '专递课堂',
  partnerSchoolCodes: ['3302030002'],
  platform: '之江汇',
  platformLevel: 'province',
  teachingModels: ['互动课堂'],
  lessonKind: '公开课',
  openLessonLevel: 'school',
  ictEnvironment: true,
  recorded: true,
  studentDevices: '移动终端',
}));
sample(E.SubjectKnowledgePointsReportedV1)(() => ({ schoolYear: '2026-2027', subject: '数学', grades: [3, 4], knowledgePoints: 120, source: '教材目录' }));
sample(E.ActivityHeldV1)(() => ({
  activityId: 'ACT-1',
  kind: '讲座',
  topics: ['信息素养', '信息安全'],
  audience: ['teacher', 'student'],
  mode: '线下',
  level: 'school',
  schoolRole: '主办',
  speakers: [cio],
  roomId: 'R-201',
  participants: 300,
  heldOn: '2026-10-12',
}));

// grading
sample(E.ExamScheduledV1)(() => ({
  examId: 'X-1',
  kind: '期中',
  stage: '小学',
  grades: [5],
  subjects: ['数学'],
  startsOn: '2026-11-10',
  endsOn: '2026-11-11',
}));
sample(E.ExamScoresPublishedV1)(() => ({
  examId: 'X-1',
  classId: 'C-2022-5-1',
  subject: '数学',
  candidates: 40,
  scored: 40,
  markingMode: '网络阅卷',
  publishedOn: '2026-11-12',
}));
sample(E.ScoreAnalysisGeneratedV1)(() => ({
  analysisId: 'AN-1',
  examId: 'X-1',
  analysisKind: '学情分析',
  scope: '班级',
  classId: 'C-2022-5-1',
  subject: '数学',
  generatedOn: '2026-11-13',
}));
sample(E.HomeworkGradedV1)(() => ({
  assignmentId: 'H-1',
  classId: 'C-2026-1-1',
  subject: '语文',
  teacher,
  assignedOn: '2026-09-08',
  gradedOn: '2026-09-09',
  gradingMode: '智能改作',
  platform: '之江汇',
  platformLevel: 'province',
  recipients: 40,
  submissions: 38,
}));
sample(E.GrowthRecordAddedV1)(() => ({ student, dimension: '劳', source: '教师录入', platform: '其他', platformLevel: 'province', recordedOn: '2026-10-01' }));
sample(E.TeacherRecordAddedV1)(() => ({ teacher, category: '信息素养测评', result: '优秀', round: '2026-1', recordedOn: '2026-12-01' }));

// asset
sample(E.RoomRegisteredV1)(() => ({
  roomId: 'R-101',
  roomKind: '普通教室',
  areaKind: '教学',
  mainArea: true,
  newTypeTeachingSpace: true,
  stages: ['小学'],
  grades: [1],
  wiredNetwork: true,
  wirelessNetwork: true,
  wirelessTech: '千兆无线',
  responsible: cio,
  registeredOn: '2026-08-25',
}));
sample(E.DeviceRegisteredV1)(() => ({
  assetId: 'A-1',
  deviceType: '交互式多媒体教学设备',
  ownerRole: 'shared',
  roomId: 'R-101',
  stages: ['小学'],
  capabilities: ['互动教学', '教学行为数据采集'],
  status: '在用',
  acquiredOn: '2025-08-20',
  registeredOn: '2025-08-21',
}));
sample(E.DeviceStatusChangedV1)(() => ({ assetId: 'A-1', status: '维修', changedOn: '2026-10-01' }));
sample(E.DeviceTelemetryReportedV1)(() => ({ assetId: 'A-1', periodStart: '2026-10-08', periodEnd: '2026-10-08', onlineMinutes: 540, usageMinutes: 300 }));
sample(E.NetworkLinkRegisteredV1)(() => ({
  linkId: 'NL-1',
  linkKind: '出口',
  upstream: '教育城域网',
  medium: '光纤',
  bandwidthMbps: 1000,
  ipv6: true,
  registeredOn: '2026-09-01',
}));
sample(E.InformationSystemRegisteredV1)(() => ({
  systemId: 'SYS-1',
  name: '智慧校园综合平台',
  systemKinds: ['协同办公', '教务管理', '家校互动'],
  providerLevel: 'school',
  thirdParty: true,
  builtOn: '教育魔方',
  features: ['通知公告', '流程审批', '按角色个性化配置'],
  unifiedIdentity: true,
  connectedTo: ['校级数据仓', '教育魔方'],
  status: '在用',
  registeredOn: '2026-09-01',
}));
sample(E.SystemUsageSummarizedV1)(() => ({
  systemId: 'SYS-1',
  periodStart: '2026-09-01',
  periodEnd: '2026-09-30',
  activeUsers: 120,
  uses: [{ feature: '通知公告', count: 45 }],
}));
sample(E.AppReviewedV1)(() => ({ appId: 'APP-1', name: '口算练习', decision: '准入', reviewedOn: '2026-09-05' }));
sample(E.SecurityAssessmentCompletedV1)(() => ({ systemId: 'SYS-1', protectionLevel: '第二级', assessedOn: '2026-06-30', result: '基本符合' }));
sample(E.SecurityIncidentRecordedV1)(() => ({ incidentId: 'INC-1', severity: '一般', schoolResponsible: false, occurredAt: '2026-10-03T10:00:00+08:00' }));
sample(E.LogRetentionReportedV1)(() => ({ systemId: 'SYS-FW', logKind: '上网行为日志', oldestRecordOn: '2026-02-01', reportedOn: '2026-09-01' }));
sample(E.DataSyncedToAuthorityV1)(() => ({
  systemId: 'SYS-1',
  dataKind: '师生基础数据',
  target: '教育数据中心',
  targetLevel: 'city',
  records: 1280,
  succeeded: true,
  syncedAt: '2026-09-15T02:00:00+08:00',
}));

// attendance
sample(E.DailyAttendanceRecordedV1)(() => ({
  date: '2026-09-07',
  role: 'student',
  classId: 'C-2026-1-1',
  stage: '小学',
  grade: 1,
  expected: 40,
  present: 39,
  late: 1,
  onLeave: 1,
  absent: 0,
  method: '人脸识别',
}));
sample(E.GatePassesSummarizedV1)(() => ({
  gateId: 'GATE-1',
  date: '2026-09-07',
  passes: [
    { method: '人脸识别', count: 1800 },
    { method: '刷卡', count: 200 },
  ],
  visitors: 12,
  temperatureChecks: 2012,
  temperatureAbnormal: 1,
}));

// space
sample(E.LearningSpaceOpenedV1)(() => ({
  spaceId: 'SP-1',
  ownerRole: 'teacher',
  owner: teacher,
  platform: '之江汇',
  platformLevel: 'province',
  realName: true,
  openedOn: '2026-09-01',
}));
sample(E.LearningSpaceClosedV1)(() => ({ spaceId: 'SP-1', closedOn: '2027-02-01' }));
sample(E.ExperiencePointsReportedV1)(() => ({
  spaceId: 'SP-1',
  owner: teacher,
  ownerRole: 'teacher',
  platform: '之江汇',
  platformLevel: 'province',
  periodStart: '2026-09-01',
  periodEnd: '2027-08-31',
  points: 75,
  reportedOn: '2027-01-31',
}));
sample(E.LearningActivitySummarizedV1)(() => ({
  person: student,
  role: 'student',
  spaceId: 'SP-2',
  platform: '之江汇',
  platformLevel: 'province',
  periodStart: '2026-09-01',
  periodEnd: '2026-09-30',
  activities: [
    { kind: '自主学习', count: 12 },
    { kind: '在线测试', count: 3 },
  ],
  onMobile: 5,
  teacherGuided: 4,
}));
sample(E.LessonPreparedV1)(() => ({
  prepId: 'PR-1',
  teacher,
  stage: '小学',
  subject: '数学',
  lessonIds: ['L-1'],
  platform: '之江汇',
  platformLevel: 'province',
  preparedOn: '2026-09-05',
}));
sample(E.OnlineTutoringHeldV1)(() => ({
  sessionId: 'TU-1',
  teacher,
  subject: '数学',
  students: 25,
  platform: '之江汇',
  platformLevel: 'province',
  heldOn: '2026-09-20',
}));
sample(E.TrainingCompletedV1)(() => ({
  trainingId: 'TR-1',
  trainee: teacher,
  kind: '教育信息化培训',
  topics: ['人工智能'],
  level: 'city',
  mode: '线上',
  hours: 2.5,
  passed: true,
  completedOn: '2026-10-15',
}));
sample(E.ResearchActivityHeldV1)(() => ({
  activityId: 'R-1',
  kind: '同步研修',
  mode: '线上',
  synchronous: true,
  platform: '之江汇',
  platformLevel: 'province',
  organiserLevel: 'county',
  partnerSchoolCodes: ['3302030002', '3302030003'],
  subjects: ['数学'],
  grades: [3],
  topics: ['信息技术融合'],
  participants: [teacher],
  heldOn: '2026-10-20',
}));
sample(E.AwardReceivedV1)(() => ({
  awardId: 'AW-1',
  recipientKind: 'teacher',
  recipients: [teacher],
  category: '信息化教学比赛',
  topics: ['教育信息化'],
  level: 'province',
  awardingBody: '教育部门',
  awardedOn: '2026-12-01',
  certificateId: 'CERT-1',
}));
sample(E.CompetitionEnteredV1)(() => ({
  entryId: 'CE-1',
  participantKind: 'student',
  participants: [student],
  form: '展示',
  category: '数字作品竞赛',
  level: 'county',
  organiser: '教育部门',
  enteredOn: '2026-11-20',
}));
sample(E.ArticlePublishedV1)(() => ({
  articleId: 'ART-1',
  kind: '论文',
  venueKind: '学术期刊',
  level: 'province',
  topics: ['三个课堂'],
  authors: [teacher],
  publishedOn: '2026-12-15',
  publicationRef: 'CN33-1000/G4 2026(12)',
}));
sample(E.ResearchProjectApprovedV1)(() => ({
  projectId: 'PJ-1',
  kind: '专项科研课题',
  level: 'city',
  topics: ['教育信息化'],
  schoolRole: '主持',
  leader: teacher,
  members: [cio],
  approvedOn: '2026-04-01',
}));
sample(E.ResearchProjectConcludedV1)(() => ({ projectId: 'PJ-1', result: '通过结题', concludedOn: '2027-06-30' }));
sample(E.DesignationConferredV1)(() => ({
  designationId: 'DS-1',
  kind: '未来教育技术学院讲师',
  recipient: teacher,
  level: 'county',
  conferredOn: '2026-10-01',
  validUntil: '2028-09-30',
  certificateId: 'CERT-2',
}));

// resource
sample(E.ResourceUploadedV1)(() => ({
  resourceId: 'RS-1',
  kind: '微课程',
  uploader: teacher,
  uploaderRole: 'teacher',
  stage: '小学',
  grades: [3],
  subject: '数学',
  knowledgePoints: ['KP-3-12'],
  lessonCount: 6,
  components: ['视频', '教案', '学案', '练习', '授课教师介绍'],
  audience: 'student',
  origin: '原创',
  platform: '甬上云校',
  platformLevel: 'city',
  platformModule: '同步课程',
  uploadedAt: '2026-09-10T16:00:00+08:00',
}));
sample(E.ResourceUpdatedV1)(() => ({ resourceId: 'RS-2', kind: '试卷', updatedAt: '2026-10-10T16:00:00+08:00' }));
sample(E.ResourceReviewedV1)(() => ({ resourceId: 'RS-2', reviewLevel: 'school', decision: '通过', reviewedOn: '2026-10-12' }));
sample(E.ResourceSharedV1)(() => ({
  resourceId: 'RS-1',
  kind: '微课程',
  sharedBy: teacher,
  platform: '其他',
  platformLevel: 'county',
  sharedAt: '2026-09-12T09:00:00+08:00',
}));
sample(E.ResourceRecommendedV1)(() => ({
  resourceId: 'RS-3',
  kind: '家庭教育资源',
  audience: 'parent',
  channel: '数字家长学校',
  recipients: 800,
  recommendedAt: '2026-09-20T09:00:00+08:00',
}));
sample(E.ResourceWithdrawnV1)(() => ({ resourceId: 'RS-4', withdrawnAt: '2026-10-01T09:00:00+08:00' }));
sample(E.DigitalLibraryHoldingsReportedV1)(() => ({
  ebooks: 15000,
  ejournals: 120,
  linkedToRegionalLibrary: true,
  mobileReading: true,
  reportedOn: '2026-09-30',
}));

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
