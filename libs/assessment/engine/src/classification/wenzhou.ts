import {
  AS_OF, CREATION, SEM, SY, add, attested, check, count, derived, derivedAndAttested, distinct, exists, ratio, spanDays, students, sum, teachers,
  type ClassificationTable,
} from '../formula';

// 温州 指导性指标体系, indicators 1–28. 每年 is the school year; 创建期间 the creation period.

const inService = { status: '在用' } as const;
const COMPUTERS = ['台式计算机', '笔记本计算机', '云桌面终端'];
const sys = (kind: string) => count('systems', { systemKinds: { has: kind }, status: '在用' });

export const wenzhouClassification: ClassificationTable = {
  '1': derived('A', 'Σ bandwidth of in-use 出口 links ≥ 10000 Mbps; in-use rooms with wireless ÷ rooms = 100 %', [
    check('egress (Mbps)', sum('links', 'bandwidthMbps', { linkKind: '出口', inUse: true }), AS_OF, '>=', 10000),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
  ]),
  '2': derived('A', 'every 骨干/楼宇间 link ≥ 10000 Mbps, every 到桌面 link ≥ 1000 Mbps, IPv6 on egress; main teaching rooms on 5G or gigabit wireless = 100 %', [
    check('backbone at 10G', ratio(count('links', { linkKind: ['骨干', '楼宇间'], inUse: true, bandwidthMbps: { gte: 10000 } }), count('links', { linkKind: ['骨干', '楼宇间'], inUse: true })), AS_OF, '>=', 1),
    check('desktop at 1G', ratio(count('links', { linkKind: '到桌面', inUse: true, bandwidthMbps: { gte: 1000 } }), count('links', { linkKind: '到桌面', inUse: true })), AS_OF, '>=', 1),
    exists('IPv6', count('links', { linkKind: '出口', ipv6: true, inUse: true })),
    check('fast wireless', ratio(count('rooms', { areaKind: '教学', mainArea: true, inUse: true, wirelessTech: ['5G', '千兆无线'] }), count('rooms', { areaKind: '教学', mainArea: true, inUse: true })), AS_OF, '>=', 1),
  ]),
  '3': derived('A', 'teaching rooms with in-service multimedia = 100 %; per stage students of the stage ÷ in-service student computers of the stage or of the whole school (no stages) ≤ 7 (小学) / 6 (初中) / 5 (高中); 专任教师 ÷ teacher computers ≤ 1', [
    check('rooms with multimedia', { of: 'share', population: { fact: 'rooms', key: 'roomId', where: { areaKind: '教学', inUse: true } }, evidence: { fact: 'devices', key: 'roomId', where: { deviceType: ['交互式多媒体教学设备', '多媒体教学设备'], ...inService } }, cmp: '>=', value: 1 }, AS_OF, '>=', 1),
    check('students per computer', ratio(students('$stage'), count('devices', { deviceType: COMPUTERS, ownerRole: 'student', stages: { covers: '$stage' }, ...inService })), AS_OF, '<=', 7, { 小学: 7, 初中: 6, 高中: 5 }),
    check('teachers per computer', ratio(teachers(), count('devices', { deviceType: COMPUTERS, ownerRole: 'teacher', ...inService })), AS_OF, '<=', 1),
  ]),
  '4': derived('C', 'an in-use 创客空间 and an in-use 人工智能实验室', [
    exists('maker space', count('rooms', { roomKind: '创客空间', inUse: true })), exists('AI lab', count('rooms', { roomKind: '人工智能实验室', inUse: true })),
  ], { review: 'software, hardware and course resources' }),
  '5': derived('C', 'public-service rooms with an in-service 公用信息终端 ≥ 1', [
    exists('public terminals', count('devices', { deviceType: '公用信息终端', ...inService })),
  ], { review: 'the integrated smart-education exhibition space' }),
  '6': derived('C', 'new-type teaching spaces with in-service 交互式多媒体 and 录播系统 ≥ 1', [
    exists('new-type spaces', count('rooms', { newTypeTeachingSpace: true, inUse: true })),
    exists('interactive multimedia', count('devices', { deviceType: '交互式多媒体教学设备', ...inService })), exists('recording', count('devices', { deviceType: '录播系统', ...inService })),
  ], { review: 'the ▲ qualifier for 达标校 (少部分通用教室)' }),
  '7': derived('C', 'in-use 访客管理, 身份识别, 测温 systems; gate passes in the semester ≥ 1', [
    exists('visitors', sys('访客管理')), exists('identification', sys('身份识别')), exists('temperature', sys('测温')),
    exists('gate records', count('GatePassesSummarized'), SEM),
  ], { review: 'records and temperatures queryable: demonstration' }),
  '8': derived('B', '安防综合管理 system; security-zone rooms covered by 视频监控 = 100 %; CCTV linked to 公安', [
    exists('security platform', sys('安防综合管理')),
    check('zones covered', { of: 'share', population: { fact: 'rooms', key: 'roomId', where: { securityZone: { exists: true }, inUse: true } }, evidence: { fact: 'systems', key: 'roomIds', where: { systemKinds: { has: '视频监控' }, status: '在用' } }, cmp: '>=', value: 1 }, AS_OF, '>=', 1),
    exists('police link', count('systems', { systemKinds: { has: '视频监控' }, connectedTo: { has: '公安' }, status: '在用' })),
  ]),
  '9': derived('C', 'a 统一门户 with unified identity and per-role configuration', [
    exists('portal', count('systems', { systemKinds: { has: '统一门户' }, unifiedIdentity: true, features: { has: '按角色个性化配置' }, status: '在用' })),
  ]),
  '10': derived('C', '协同办公 and 教务管理 systems with active users in the semester', [
    exists('office', sys('协同办公')), exists('academic', sys('教务管理')), exists('usage', count('SystemUsageSummarized', { activeUsers: { gte: 1 } }), SEM),
  ], { review: '常态化 (monthly use proposed)' }),
  '11': derived('C', 'an in-use 数据仓 connected to an authority platform; successful syncs upward in the SY ≥ 1', [
    exists('data warehouse', count('systems', { systemKinds: { has: '数据仓' }, connectedTo: { hasAny: ['教育魔方', '市级平台', '县级平台', '省级平台', '教育行政部门'] }, status: '在用' })),
    exists('syncs', count('DataSyncedToAuthority', { succeeded: true }), SY),
  ]),
  '12': attested('demonstration of the 数字驾驶舱 and its warnings and decisions (acceptance: demonstration)', 'a bespoke cockpit is judged on demonstration'),
  '13': derived('A', 'in the SY: resources on 之江汇/温州教育影院/云图/学校自建 ≥ 1; a 校本课程资源 of ≥ 12 lessons ≥ 1; new digital resources ≥ 50; 家庭教育资源 via 数字家长学校 ≥ 20', [
    check('platforms used', distinct('ResourceUploaded', 'platform', undefined, ['之江汇', '温州教育影院', '云图', '学校自建']), SY, '>=', 1),
    exists('school course ≥ 12 lessons', count('ResourceUploaded', { kind: '校本课程资源', lessonCount: { gte: 12 } }), SY),
    check('new resources', count('ResourceUploaded'), SY, '>=', 50),
    check('family resources', count('ResourceRecommended', { kind: '家庭教育资源', channel: '数字家长学校' }), SY, '>=', 20),
  ]),
  '14': derived('C', 'in the semester: platform lesson preparation, interactive lessons, 智能改作 and online tutoring each ≥ 1', [
    exists('preparation', count('LessonPrepared'), SEM), exists('interactive lessons', count('LessonDelivered', { teachingModels: { has: '互动课堂' } }), SEM),
    exists('smart marking', count('HomeworkGraded', { gradingMode: '智能改作' }), SEM), exists('tutoring', count('OnlineTutoringHeld'), SEM),
  ], { review: 'the ▲ qualifier for 达标校 (部分学科)' }),
  '15': derived('C', 'lessons in 精准教学, 个性化学习 or 人机协同 in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { teachingModels: { hasAny: ['精准教学', '个性化学习', '人机协同'] } }), SY),
  ]),
  '16': derived('C', 'online 听评课, 集体备课 or other research in the semester ≥ 1', [
    exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SEM),
  ], { review: '常态化' }),
  '17': derived('C', 'automatically collected growth records in the SY cover 德, 智, 体, 美, 劳', [
    check('dimensions', distinct('GrowthRecordAdded', 'dimension', { source: '自动采集' }), SY, '>=', 5),
  ]),
  '18': derived('C', 'teacher development records in the SY ≥ 1', [exists('records', count('TeacherRecordAdded'), SY)]),
  '19': derived('C', 'per stage: 信息技术 courses with the 人工智能 module in the SY ≥ 1', [
    check('AI module per stage', count('CourseOffered', { topics: { has: '人工智能' }, stage: '$stage' }), SY, '>=', 1, { 小学: 1, 初中: 1, 高中: 1 }),
  ], { review: 'which grades must teach the module' }),
  '20': derived('C', '信息技术 lessons delivered in the semester ≥ 1 and an in-use 人工智能实验室', [
    exists('信息技术 lessons', count('LessonDelivered', { subject: '信息技术' }), SEM),
    exists('AI lab', count('rooms', { roomKind: '人工智能实验室', inUse: true })),
  ], { review: 'lessons are in the AI lab (room kind) and 常态化' }),
  '21': derived('C', 'in the creation period: an IT research project concluded or approved ≥ 1; teacher awards at 县级+ or lectures ≥ 1', [
    exists('projects', count('ResearchProjectApproved', { topics: { hasAny: ['教育信息化', '信息技术', '信息技术融合', '人工智能'] } }), CREATION),
    exists('awards or lectures', add(
      count('AwardReceived', { recipientKind: 'teacher', level: { atLeast: 'county' } }),
      count('ActivityHeld', { kind: '讲座', level: { atLeast: 'county' } }),
    ), CREATION),
  ]),
  '22': derived('A', '县级+ 未来教育技术学院讲师 designations ≥ 1', [exists('lecturers', count('designations', { kind: '未来教育技术学院讲师', level: { atLeast: 'county' } }))]),
  '23': derived('A', '科技节 or 创客文化节 at school level in the SY ≥ 1', [exists('festivals', count('ActivityHeld', { kind: ['科技节', '创客文化节'] }), SY)]),
  '24': derived('A', 'student awards or showcases at 县级+ in the creation period ≥ 1', [
    exists('student results', add(
      count('CompetitionEntered', { participantKind: 'student', level: { atLeast: 'county' } }),
      count('AwardReceived', { recipientKind: 'student', level: { atLeast: 'county' } }),
    ), CREATION),
  ]),
  // …CIO微团队，有专项创建经费，制定计划规划，推进项目研究: the CIO and the team are roster events, the funds and plans documents
  '25': derivedAndAttested(derived('C', 'a 首席信息官 and a CIO微团队', [
    exists('CIO', count('roles', { role: '首席信息官' })), exists('CIO team', count('orgUnits', { kind: 'CIO微团队' })),
  ], { review: 'the team is the principal (CIO), the vice-principal in charge and the IT lead; project research under way' }),
  'the 专项创建经费 (budget) and the 计划规划', 'no event family carries money; plans are documents'),
  '26': derived('C', 'a 网管 and a holder of a valid 网络安全管理上岗资质证', [
    exists('network admin', count('roles', { role: '网管' })), exists('certificate', count('credentials', { kind: '网络安全管理上岗资质证' })),
  ], { review: 'the team supports the smart campus' }),
  // 有网络安全应急预案、舆情处置预案等…管理制度: documents; the logs and incidents are asset events
  '27': derivedAndAttested(derived('A', '上网行为/网络安全 logs retained ≥ 182 days (6 months); no major incident (重大/特别重大) the school answers for in the creation period', [
    check('log retention (days)', spanDays('LogRetentionReported', 'oldestRecordOn', 'reportedOn', { logKind: ['上网行为日志', '网络安全日志'] }), AS_OF, '>=', 182),
    check('major incidents', count('SecurityIncidentRecorded', { severity: ['重大', '特别重大'], schoolResponsible: true }), CREATION, '<=', 0),
  ]), 'the 网络安全应急预案, the 舆情处置预案 and the 网络安全管理制度 (等级保护 included)', '预案 and rules are documents no event carries'),
  '28': attested('featured application report and its effect', 'a featured practice is judged'),
};
