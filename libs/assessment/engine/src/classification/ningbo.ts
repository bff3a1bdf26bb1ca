import {
  AS_OF, CREATION, EVER, SEM, SY, add, attested, check, classes, count, days, derived, distinct, exists, ratio, studentShare, sum, teacherShare, teachers,
  type ClassificationTable, type Measure,
} from '../formula';

// 宁波 附表 建设内容参考: basic items B1–B39, featured F1–F3. 每年/年度 is the school year.

const inService = { status: '在用' } as const;
const managers: Measure = {
  of: 'share',
  population: { fact: 'roles', key: 'person', where: { role: ['校长', '分管校长', '校领导', '中层以上管理者'] } },
  evidence: { fact: 'TrainingCompleted', key: 'trainee', where: { level: { atLeast: 'county' } } },
  cmp: '>=',
  value: 1,
};

export const ningboClassification: ClassificationTable = {
  B1: derived('B', 'in-use rooms wired ÷ rooms = 100 %, wireless ÷ rooms = 100 %; in-use 出口 links with IPv6 ≥ 1', [
    check('wired coverage', ratio(count('rooms', { inUse: true, wiredNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    check('wireless coverage', ratio(count('rooms', { inUse: true, wirelessNetwork: true }), count('rooms', { inUse: true })), AS_OF, '>=', 1),
    exists('IPv6 egress', count('links', { linkKind: '出口', ipv6: true, inUse: true })),
  ]),
  B2: derived('A', 'every in-use 骨干/楼宇间 link ≥ 10000 Mbps and every 到桌面 link ≥ 1000 Mbps', [
    check('backbone at 10G', ratio(count('links', { linkKind: ['骨干', '楼宇间'], inUse: true, bandwidthMbps: { gte: 10000 } }), count('links', { linkKind: ['骨干', '楼宇间'], inUse: true })), AS_OF, '>=', 1),
    check('desktop at 1G', ratio(count('links', { linkKind: '到桌面', inUse: true, bandwidthMbps: { gte: 1000 } }), count('links', { linkKind: '到桌面', inUse: true })), AS_OF, '>=', 1),
  ]),
  B3: attested('network design documents showing integrated wired/wireless design and unified control', 'a design property'),
  B4: derived('C', 'in-service 物联网感知设备 ≥ 1 and device telemetry in the last 30 days ≥ 1', [
    exists('IoT devices', count('devices', { deviceType: '物联网感知设备', ...inService })), exists('telemetry (30 d)', count('DeviceTelemetryReported'), days(30)),
  ]),
  B5: derived('C', 'in-use 安防综合管理 and 视频监控 systems', [
    exists('security platform', count('systems', { systemKinds: { has: '安防综合管理' }, status: '在用' })), exists('CCTV', count('systems', { systemKinds: { has: '视频监控' }, status: '在用' })),
  ], { review: '智能化程度较高' }),
  B6: derived('C', 'in-use new-type teaching spaces ≥ 1', [exists('new-type spaces', count('rooms', { newTypeTeachingSpace: true, inUse: true }))]),
  B7: derived('A', 'primary: new-type spaces of 小学 or of the whole school (no stages) ÷ 小学 classes ≥ 3/18; secondary: new-type spaces of the stage or of the whole school ÷ its grades ≥ 2 (each stage)', [
    check('primary per 18 classes', ratio(count('rooms', { newTypeTeachingSpace: true, inUse: true, stages: { covers: '$stage' } }), classes('$stage')), AS_OF, '>=', 3 / 18, { 小学: 3 / 18 }),
    check('secondary per grade', ratio(count('rooms', { newTypeTeachingSpace: true, inUse: true, stages: { covers: '$stage' } }), distinct('classes', 'grade', { stage: '$stage' })), AS_OF, '>=', 2, { 初中: 2, 高中: 2 }),
  ]),
  B8: derived('A', 'per semester: 微课程 on 甬上云校/之江汇 同步课程 with ≥ 6 lessons and all five components ≥ 1', [
    exists('micro-courses', count('ResourceUploaded', { kind: '微课程', platform: ['甬上云校', '之江汇'], platformModule: '同步课程', lessonCount: { gte: 6 }, components: { has: '授课教师介绍' } }), SEM),
  ]),
  B9: derived('A', '校本课程资源 uploaded in the SY ≥ 50', [check('school-based resources', count('ResourceUploaded', { kind: '校本课程资源' }), SY, '>=', 50)]),
  B10: derived('A', '试卷 or 试题 added or updated in the SY ≥ 60; school-level review passes in the SY ≥ 1', [
    check('test resources added or updated', add(count('ResourceUploaded', { kind: ['试卷', '试题'] }), count('ResourceUpdated', { kind: ['试卷', '试题'] })), SY, '>=', 60),
    exists('school review', count('ResourceReviewed', { reviewLevel: 'school', decision: ['通过', '优质'] }), SY),
  ], { review: 'each counted resource passed the school review' }),
  B11: derived('A', '家庭教育资源 recommended to parents in the SY ≥ 20', [
    check('recommendations', count('ResourceRecommended', { kind: '家庭教育资源', audience: 'parent' }), SY, '>=', 20),
  ]),
  B12: derived('C', 'successful 师生基础数据 syncs to the city 教育数据中心 in the SY ≥ 1', [
    exists('syncs', count('DataSyncedToAuthority', { dataKind: '师生基础数据', target: '教育数据中心', succeeded: true, targetLevel: { atLeast: 'city' } }), SY),
  ], { review: '常态化数据维护机制' }),
  B13: attested('the database permission rules per role (document)', 'rules are documents'),
  B14: derived('C', 'lessons in 翻转课堂, 小组探究, PBL or other innovative models in the SY ≥ 1', [
    exists('lessons', count('LessonDelivered', { teachingModels: { hasAny: ['翻转课堂', '小组探究', 'PBL', '精准教学', '其他创新模式'] } }), SY),
  ]),
  B15: derived('A', 'synchronous preparation, teaching and research in the semester ≥ 10', [
    check('synchronous activities', count('ResearchActivityHeld', { synchronous: true }), SEM, '>=', 10),
  ], { review: 'synchronous lessons (同步课堂) count too; the usage rules are a document' }),
  B16: derived('C', 'automatically collected growth records in the semester ≥ 1', [exists('auto records', count('GrowthRecordAdded', { source: '自动采集' }), SEM)]),
  B17: derived('B', 'students with a growth record in the SY ÷ students = 100 %', [check('students evaluated', studentShare('GrowthRecordAdded', 'student'), SY, '>=', 1)]),
  B18: derived('C', 'research activities on 信息技术融合 in the SY ≥ 1', [exists('research', count('ResearchActivityHeld', { topics: { hasAny: ['信息技术融合', '教育信息化', '信息技术'] } }), SY)]),
  B19: derived('A', 'papers published or papers/cases awarded on 教育信息化 in the SY ≥ 2', [
    check('papers and cases', add(
      count('ArticlePublished', { kind: '论文', topics: { hasAny: ['教育信息化', '信息技术融合'] } }),
      count('AwardReceived', { category: ['论文评比', '课题案例评比', '案例遴选', '典型案例'], topics: { hasAny: ['教育信息化', '信息技术融合'] } }),
    ), SY, '>=', 2),
  ]),
  B20: derived('A', 'IT-literacy lectures for teachers and students in the SY ≥ 1', [
    exists('lectures', count('ActivityHeld', { kind: '讲座', topics: { hasAny: ['信息素养', '信息伦理', '信息安全', '信息技术', '网络安全'] } }), SY),
  ]),
  B21: derived('A', 'managers trained at 区级+ in the SY ÷ managers = 100 %; 专任教师 in 提升工程 = 100 %; training hours ÷ 专任教师 ≥ 5 per SY', [
    check('managers trained', managers, SY, '>=', 1),
    check('teachers in the programme', teacherShare('TrainingCompleted', 'trainee', { kind: '信息技术应用能力提升工程' }), EVER, '>=', 1),
    check('hours per teacher', ratio(sum('TrainingCompleted', 'hours'), teachers()), SY, '>=', 5),
  ]),
  B22: derived('A', 'teachers and students with a 之江汇 space ÷ each = ≥ 95 %; 专任教师 whose yearly experience > 60 ÷ 专任教师 ≥ 80 %; 市级+ awards ≥ 1', [
    check('teachers with a space', teacherShare('spaces', 'owner', { ownerRole: 'teacher', platform: '之江汇' }), AS_OF, '>=', 0.95),
    check('students with a space', studentShare('spaces', 'owner', { ownerRole: 'student', platform: '之江汇' }), AS_OF, '>=', 0.95),
    check('active teacher spaces', teacherShare('ExperiencePointsReported', 'owner', { ownerRole: 'teacher', platform: '之江汇' }, 60, 'points', '>'), SY, '>=', 0.8),
    exists('city+ awards', count('AwardReceived', { recipientKind: ['teacher', 'student'], level: { atLeast: 'city' } }), CREATION),
  ]),
  B23: derived('C', 'a 协同办公 system with 统一门户 and 统一身份认证; modules in use cover the 10 named kinds', [
    exists('office system', count('systems', { systemKinds: { has: '协同办公' }, unifiedIdentity: true, status: '在用' })),
    check('modules', distinct('systems', 'systemKinds', { status: '在用' }, ['信息公开', '行政办公', '教务管理', '科研管理', '财务管理', '资产管理', '后勤管理', '招生管理', '学生事务', '家校互动']), AS_OF, '>=', 10),
  ]),
  B24: derived('C', 'in the semester: smart-scheduled lessons ≥ 1; a 智慧校情决策 or 区块链应用 system', [
    exists('smart scheduling', count('LessonTimetabled', { scheduledBy: '智能排课' }), SEM),
    exists('decision/blockchain', count('systems', { systemKinds: { hasAny: ['智慧校情决策', '区块链应用'] }, status: '在用' })),
  ]),
  B25: derived('C', 'successful 资产数据 syncs to a 县级+ authority ≥ 1', [
    exists('asset syncs', count('DataSyncedToAuthority', { dataKind: '资产数据', succeeded: true, targetLevel: { atLeast: 'county' } }), SY),
  ]),
  B26: attested('service catalogue of the 一站式服务 and its 最多跑一次 rules', 'a service standard, not a count'),
  B27: derived('C', 'a publishing platform (网站, 公众号, 信息屏, 数字广播) with 信息发布 used in the last 30 days', [
    exists('platform', count('systems', { features: { hasAny: ['网站', '公众号', '信息屏', '数字广播'] }, status: '在用' })),
    exists('publishing (30 d)', count('SystemUsageSummarized', { 'uses.feature': { has: '信息发布' } }), days(30)),
  ], { review: '常态化 and 精准 publishing' }),
  B28: derived('C', 'a 智慧校园建设领导小组 and a 首席信息官', [
    exists('leadership group', count('orgUnits', { kind: ['智慧校园建设领导小组', '信息化工作领导小组'] })), exists('CIO', count('roles', { role: '首席信息官' })),
  ]),
  B29: derived('C', 'a 信息化工作管理部门 or 信息化中层机构', [exists('department', count('orgUnits', { kind: ['信息化工作管理部门', '信息化中层机构'] }))]),
  B30: derived('C', 'in the SY: 信息化人员培训 ≥ 1 and a 网络安全 lecture ≥ 1', [
    exists('staff training', count('TrainingCompleted', { kind: ['信息化人员培训', '网络安全培训'] }), SY),
    exists('security lecture', count('ActivityHeld', { kind: '讲座', topics: { hasAny: ['网络安全', '信息安全'] } }), SY),
  ], { review: '定期 and a complete team' }),
  B31: attested('the overall smart-campus plan and the annual plan', 'plans are documents'),
  B32: attested('management rules and incentive policy', 'rules are documents'),
  B33: attested('the funding plan and yearly spending on the smart campus', 'no event family carries money'),
  B34: attested('the policy guaranteeing the funding', 'a policy document'),
  B35: derived('C', 'an in-use 门户网站监控 system', [exists('website monitoring', count('systems', { systemKinds: { has: '门户网站监控' }, status: '在用' }))]),
  B36: attested('network-security management rules', 'rules are documents'),
  B37: attested('public-opinion handling rules', 'rules are documents'),
  B38: derived('B', 'in-use systems with a 等保 assessment (符合/基本符合) ÷ in-use systems = 100 %', [
    check('assessed systems', { of: 'share', population: { fact: 'systems', key: 'systemId', where: { status: '在用' } }, evidence: { fact: 'SecurityAssessmentCompleted', key: 'systemId', where: { result: ['符合', '基本符合'] } }, cmp: '>=', value: 1 }, EVER, '>=', 1),
  ]),
  B39: derived('C', 'educational-app admission reviews in the SY ≥ 1', [exists('app reviews', count('AppReviewed'), SY)], { review: 'the admission rules' }),
  F1: attested('featured report: innovative use of new technologies in the campus environment', 'featured items are judged by experts'),
  F2: attested('featured report: new teaching and learning practice with new technologies', 'featured items are judged by experts'),
  F3: attested('featured report: data integration with the upper data centre and data-based governance', 'featured items are judged by experts'),
};
