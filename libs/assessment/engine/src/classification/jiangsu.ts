import {
  AS_OF,
  EVER,
  SEM,
  SY,
  add,
  attested,
  check,
  count,
  covered,
  days,
  derived,
  distinct,
  exists,
  ratio,
  spanDays,
  students,
  sum,
  teacherShare,
  teachers,
  type ClassificationTable,
  type Measure,
  type Where,
} from '../formula';

// 江苏 指标体系, 73 items. 每年 is the school year; 近两年 the 730 days before the as-of date.
// "生机比不低于10:1" is read as a provision level: students ÷ computers ≤ 10 (countable-items.md).

const TWO_YEARS = days(730);
const inService = { status: '在用' } as const;
const COMPUTERS = ['台式计算机', '笔记本计算机', '云桌面终端'];
const sys = (kind: string) => count('systems', { systemKinds: { has: kind }, status: '在用' });
const classesWith = (deviceType: string | readonly string[], classWhere?: Where): Measure => ({
  of: 'share',
  population: { fact: 'classes', key: 'homeRoomId', ...(classWhere ? { where: classWhere } : {}) },
  evidence: { fact: 'devices', key: 'roomId', where: { deviceType, ...inService } },
  cmp: '>=',
  value: 1,
});

/** Rooms of some kinds, in use, with at least one in-service device matching `device` in them (a share of those rooms). */
const roomsWith = (roomKind: string | readonly string[], device: Where, roomWhere: Where = {}): Measure => ({
  of: 'share',
  population: { fact: 'rooms', key: 'roomId', where: { roomKind, inUse: true, ...roomWhere } },
  evidence: { fact: 'devices', key: 'roomId', where: { ...device, ...inService } },
  cmp: '>=',
  value: 1,
});
/** In-use systems of a kind with a usage summary (at least one active user) in the check's window: the system itself is used. */
const systemsUsed = (systemWhere: Where, usage: Where = { activeUsers: { gte: 1 } }): Measure => ({
  of: 'share',
  population: { fact: 'systems', key: 'systemId', where: { ...systemWhere, status: '在用' } },
  evidence: { fact: 'SystemUsageSummarized', key: 'systemId', where: usage },
  cmp: '>=',
  value: 1,
});
/** "教学资源" a teacher shares: every resource kind but a student's work and family-education resources (for parents). */
const TEACHING_RESOURCE_KINDS = [
  '微课',
  '微课程',
  '慕课',
  '教学设计',
  '教案',
  '学案',
  '课件',
  '作业练习',
  '试卷',
  '试题',
  '实验演示',
  '校本课程资源',
  '名师课程',
  '综合实践课程',
  '网络课程',
  '特色资源',
  '课堂实录',
  '其他',
];

/** What "信息技术/信息化" work is about: the IT topics of the contracts' Topic list. */
const IT_TOPICS = [
  '教育信息化',
  '信息技术',
  '信息技术融合',
  '网络学习空间',
  '三个课堂',
  '互联网+教育',
  '人工智能',
  '大数据',
  '虚拟现实',
  '编程',
  '信息素养',
  '信息伦理',
  '信息安全',
  '网络安全',
];
/** "信息化相关竞赛": the contracts' 信息化 competition categories. */
const IT_COMPETITIONS = ['信息化教学比赛', '信息技术应用类竞赛', '数字作品竞赛'];

// 四(一)1 "课时数占总课时数": a timetabled lesson counts its 课时 (periods; a double lesson is 2) when a
// preparation lists it, once however often it was prepared, and whenever it was prepared.
const preparedPeriods: Measure = {
  of: 'share',
  population: { fact: 'LessonTimetabled', key: 'lessonId', weight: 'periods' },
  evidence: { fact: 'LessonPrepared', key: 'lessonIds', sinceStart: true },
  cmp: '>=',
  value: 1,
};

export const jiangsuClassification: ClassificationTable = {
  '一(一)1': derived('A', 'Σ bandwidth of in-use 出口 links ≥ 1000 Mbps; classes whose home room has an in-use 到班 link ≥ 100 Mbps ÷ classes = 100 %', [
    check('to school (Mbps)', sum('links', 'bandwidthMbps', { linkKind: '出口', inUse: true }), AS_OF, '>=', 1000),
    check(
      'to class at 100M',
      {
        of: 'share',
        population: { fact: 'classes', key: 'homeRoomId' },
        evidence: { fact: 'links', key: 'roomId', where: { linkKind: '到班', inUse: true, bandwidthMbps: { gte: 100 } } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '一(一)2': derived('B', 'main 教学/办公/活动 rooms with wireless ÷ those rooms = 100 %', [
    check(
      'wireless coverage',
      ratio(
        count('rooms', { mainArea: true, areaKind: ['教学', '办公', '活动'], inUse: true, wirelessNetwork: true }),
        count('rooms', { mainArea: true, areaKind: ['教学', '办公', '活动'], inUse: true }),
      ),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '一(一)3': derived('C', 'in-use links to 江苏省教育和科研计算机网 and to 互联网', [
    exists('JSERNET', count('links', { upstream: '江苏省教育和科研计算机网', inUse: true })),
    exists('internet', count('links', { upstream: '互联网', inUse: true })),
  ]),
  '一(一)4': derived('C', 'in-use 广播, 校园电视 and 会议 systems', [
    exists('broadcast', sys('广播')),
    exists('TV', sys('校园电视')),
    exists('meeting', sys('会议')),
  ]),
  '一(一)5': derived('C', 'an IoT network (in-service 物联网感知设备 or an in-use 物联网管控 system) and telemetry in the last 30 days', [
    exists('IoT', add(count('devices', { deviceType: '物联网感知设备', ...inService }), sys('物联网管控'))),
    exists('telemetry', count('DeviceTelemetryReported'), days(30)),
  ]),
  '一(一)6': attested('photos and description of the IT-based campus culture environment', 'a qualitative environment'),
  '一(二)1': derived('A', '专任教师 ÷ in-service teacher computers ≤ 1', [
    check('teachers per computer', ratio(teachers(), count('devices', { deviceType: COMPUTERS, ownerRole: 'teacher', ...inService })), AS_OF, '<=', 1),
  ]),
  '一(二)2': derived(
    'A',
    'per stage: students of the stage ÷ in-service student computers of the stage or of the whole school (no stages) ≤ 10 (小学) / 8 (初中) / 6 (高中)',
    [
      check(
        'students per computer',
        ratio(students('$stage'), count('devices', { deviceType: COMPUTERS, ownerRole: 'student', stages: { covers: '$stage' }, ...inService })),
        AS_OF,
        '<=',
        10,
        { 小学: 10, 初中: 8, 高中: 6 },
      ),
    ],
  ),
  '一(二)3': derived('C', 'in-service 移动学习终端 ≥ 1', [exists('mobile terminals', count('devices', { deviceType: '移动学习终端', ...inService }))], {
    review: '满足学习需求',
  }),
  '一(二)4': derived('B', 'in-use 公共服务 areas with an in-service 公用信息终端 ÷ in-use 公共服务 areas = 100 %', [
    check(
      'public areas with a terminal',
      {
        of: 'share',
        population: { fact: 'rooms', key: 'roomId', where: { areaKind: '公共服务', inUse: true } },
        evidence: { fact: 'devices', key: 'roomId', where: { deviceType: '公用信息终端', ...inService } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '一(二)5': derived('C', 'an in-use 智能卡 system, itself used (a usage summary with an active user) in the last 30 days', [
    exists('card system', sys('智能卡')),
    check('card system used (30 d)', systemsUsed({ systemKinds: { has: '智能卡' } }), days(30), '>', 0),
  ]),
  '一(三)1': derived('B', 'classes whose room has an in-service 交互式多媒体 ÷ classes = 100 %; 高中: 电子班牌 and course selection', [
    check('classes equipped', classesWith('交互式多媒体教学设备'), AS_OF, '>=', 1),
    check('高中 boards', classesWith('电子班牌', { stage: '$stage' }), AS_OF, '>=', 1, { 高中: 1 }),
    check('高中 course selection', count('CourseSelectionClosed', { stage: '$stage' }), SY, '>=', 1, { 高中: 1 }),
  ]),
  '一(三)2': derived(
    'C',
    'a 录播教室 with an in-service 录播系统 in it',
    [check('recording room equipped', roomsWith('录播教室', { deviceType: '录播系统' }), AS_OF, '>', 0)],
    { review: '能支持教学和科研' },
  ),
  '一(三)3': derived(
    'C',
    'a 智慧教室 with an in-service device capturing 教学行为数据; a blended (混合) lesson in a 智慧教室 in the SY',
    [
      check('smart classroom capturing data', roomsWith(['智慧教室', '智能教室'], { capabilities: { has: '教学行为数据采集' } }), AS_OF, '>', 0),
      check(
        'blended lessons in it',
        {
          of: 'share',
          population: { fact: 'rooms', key: 'roomId', where: { roomKind: ['智慧教室', '智能教室'], inUse: true } },
          evidence: { fact: 'LessonDelivered', key: 'roomId', where: { mode: '混合' } },
          cmp: '>=',
          value: 1,
        },
        SY,
        '>',
        0,
      ),
    ],
    { review: '全过程采集, 促进个性化学习' },
  ),
  '一(三)4': derived('C', 'lessons delivered on a 县级+ cloud platform in the semester ≥ 1', [
    exists('cloud lessons', count('LessonDelivered', { platformLevel: { atLeast: 'county' } }), SEM),
  ]),
  '一(四)1': attested('the network and information security rules', 'rules are documents'),
  '一(四)2': derived(
    'A',
    'in-service 网络安全设备; internet use managed (a device with 上网行为管理 or an in-use 统一上网管理 system); logs retained ≥ 182 days',
    [
      exists('security devices', count('devices', { deviceType: '网络安全设备', ...inService })),
      exists(
        'internet use managed',
        add(count('devices', { deviceType: '网络安全设备', capabilities: { has: '上网行为管理' }, ...inService }), sys('统一上网管理')),
      ),
      check(
        'log retention (days)',
        spanDays('LogRetentionReported', 'oldestRecordOn', 'reportedOn', { logKind: ['上网行为日志', '网络安全日志'] }),
        AS_OF,
        '>=',
        182,
      ),
    ],
  ),
  '一(四)3': derived('C', '等保 assessments in the SY ≥ 1', [exists('assessments', count('SecurityAssessmentCompleted'), SY)], { review: '定期' }),
  '一(四)4': derived('A', 'major incidents (重大/特别重大) in the SY = 0, whoever was responsible', [
    check('major incidents', count('SecurityIncidentRecorded', { severity: ['重大', '特别重大'] }), SY, '<=', 0),
  ]),
  '一(五)1': derived('B', 'security coverage of main areas = 100 %; data synced to 教育行政部门; CCTV linked to 公安', [
    check(
      'main areas covered',
      {
        of: 'share',
        population: { fact: 'rooms', key: 'roomId', where: { mainArea: true, inUse: true } },
        evidence: { fact: 'systems', key: 'roomIds', where: { systemKinds: { hasAny: ['安防综合管理', '视频监控'] }, status: '在用' } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>=',
      1,
    ),
    exists('synced', count('systems', { systemKinds: { hasAny: ['安防综合管理', '视频监控'] }, connectedTo: { has: '教育行政部门' }, status: '在用' })),
    exists('police', count('systems', { systemKinds: { hasAny: ['安防综合管理', '视频监控'] }, connectedTo: { has: '公安' }, status: '在用' })),
  ]),
  '一(五)2': derived('C', 'in-use 消防报警, 紧急广播 and 餐饮卫生监测 systems', [
    exists('fire', sys('消防报警')),
    exists('emergency broadcast', sys('紧急广播')),
    exists('food safety', sys('餐饮卫生监测')),
  ]),
  '二(一)1': derived('B', 'subjects taught with a resource added or updated in the SY ÷ subjects taught = 100 %', [
    check('subjects with resources', covered({ fact: 'CourseOffered', key: 'subject' }, { fact: 'ResourceUploaded', key: 'subject' }), SY, '>=', 1),
  ]),
  '二(一)2': derived('C', 'a digital library with mobile reading: holdings reported (own or linked regionally) or an in-use 数字图书馆 system with 移动阅读', [
    exists(
      'library with mobile reading',
      add(
        count('libraryHoldings', { mobileReading: true }),
        count('systems', { systemKinds: { has: '数字图书馆' }, features: { has: '移动阅读' }, status: '在用' }),
      ),
    ),
  ]),
  '二(一)3': derived('C', '特色资源 or 校本课程资源 added or updated in the SY ≥ 1', [
    exists(
      'featured resources',
      add(count('ResourceUploaded', { kind: ['特色资源', '校本课程资源'] }), count('ResourceUpdated', { kind: ['特色资源', '校本课程资源'] })),
      SY,
    ),
  ]),
  '二(二)1': derived('B', 'classes with in-service multimedia = 100 %; lessons on a 省级+ platform in the semester ≥ 1', [
    check('classes equipped', classesWith(['交互式多媒体教学设备', '多媒体教学设备']), AS_OF, '>=', 1),
    exists('provincial platform', count('LessonDelivered', { platformLevel: { atLeast: 'province' } }), SEM),
  ]),
  '二(二)2': derived('A', '专任教师 with an open real-name space ÷ 专任教师 ≥ 90 %', [
    check('teachers with a space', teacherShare('spaces', 'owner', { ownerRole: 'teacher', realName: true }), AS_OF, '>=', 0.9),
  ]),
  '二(二)3': derived('A', 'students who have an open real-name space AND self-studied (自主学习) in the semester ÷ students ≥ 75 %', [
    check(
      'students with a space self-studying',
      {
        of: 'shareAll',
        population: { fact: 'students', key: 'student' },
        evidence: [
          { fact: 'spaces', key: 'owner', where: { ownerRole: 'student', realName: true } },
          { fact: 'LearningActivitySummarized', key: 'person', where: { role: 'student', 'activities.kind': { has: '自主学习' } } },
        ],
      },
      SEM,
      '>=',
      0.75,
    ),
  ]),
  '二(二)4': derived('C', 'personalised resource pushes in the semester to teachers ≥ 1 and to students ≥ 1', [
    exists('pushes to teachers', count('ResourceRecommended', { personalised: true, audience: 'teacher' }), SEM),
    exists('pushes to students', count('ResourceRecommended', { personalised: true, audience: 'student' }), SEM),
  ]),
  '二(三)1': derived('C', 'resources shared at school level in the SY ≥ 1', [
    exists('internal shares', count('ResourceShared', { platformLevel: 'school' }), SY),
  ]),
  '二(三)2': derived('A', '网络课程 or 特色资源 shared to a 县级+ platform in the SY ≥ 1', [
    exists('shares', count('ResourceShared', { kind: ['网络课程', '特色资源'], platformLevel: { atLeast: 'county' } }), SY),
  ]),
  '二(三)3': derived('A', '专任教师 who shared a teaching resource (not a 学生作品 or 家庭教育资源) to a 县级+ platform in the SY ÷ 专任教师 ≥ 10 %', [
    check(
      'teachers sharing',
      teacherShare('ResourceShared', 'sharedBy', { kind: TEACHING_RESOURCE_KINDS, platformLevel: { atLeast: 'county' } }),
      SY,
      '>=',
      0.1,
    ),
  ]),
  '二(三)4': derived('A', '学生作品 shared to a 县级+ platform in the SY ≥ 1', [
    exists('student works', count('ResourceShared', { kind: '学生作品', platformLevel: { atLeast: 'county' } }), SY),
  ]),
  '三(一)1': attested("students' information-literacy statement or test results", 'literacy of students is not an event'),
  '三(一)2': derived('C', "in the semester, students' space activity of 资源管理 ≥ 1, and of each of 自主, 合作 and 探究学习", [
    exists('resource management', count('LearningActivitySummarized', { role: 'student', 'activities.kind': { has: '资源管理' } }), SEM),
    check('learning modes', distinct('LearningActivitySummarized', 'activities.kind', { role: 'student' }, ['自主学习', '合作学习', '探究学习']), SEM, '>=', 3),
  ]),
  '三(一)3': derived('A', 'student awards at 县级+ in 教育部门 数字作品/信息技术应用 competitions in the last two years ≥ 1', [
    exists(
      'awards',
      count('AwardReceived', {
        recipientKind: 'student',
        level: { atLeast: 'county' },
        awardingBody: '教育部门',
        category: ['数字作品竞赛', '信息技术应用类竞赛'],
      }),
      TWO_YEARS,
    ),
  ]),
  '三(一)4': attested("students' network-etiquette education records", 'conduct is not an event'),
  '三(二)1': derived('B', '专任教师 who passed the 提升工程 ÷ 专任教师 = 100 %', [
    check('teachers passed', teacherShare('TrainingCompleted', 'trainee', { kind: '信息技术应用能力提升工程', passed: true }), EVER, '>=', 1),
  ]),
  '三(二)2': attested("teachers' IT use in teaching, research, evaluation and management (cases)", 'a competence judgement'),
  '三(二)3': derived('A', 'in the last two years: 省级+ papers or projects on IT in teaching, or 市级+ teacher awards in 信息化 competitions ≥ 1', [
    exists(
      'results',
      add(
        count('ArticlePublished', { kind: '论文', level: { atLeast: 'province' }, topics: { hasAny: IT_TOPICS } }),
        count('ResearchProjectApproved', { level: { atLeast: 'province' }, topics: { hasAny: IT_TOPICS } }),
        count('AwardReceived', { recipientKind: 'teacher', level: { atLeast: 'city' }, category: IT_COMPETITIONS }),
      ),
      TWO_YEARS,
    ),
  ]),
  '三(三)1': derived(
    'A',
    'in the last two years: 省级+ 信息化领导力培训 completed by a 校长 ≥ 1',
    [
      check(
        'principal trained',
        {
          of: 'share',
          population: { fact: 'roles', key: 'person', where: { role: '校长' } },
          evidence: { fact: 'TrainingCompleted', key: 'trainee', where: { kind: '信息化领导力培训', level: { atLeast: 'province' } } },
          cmp: '>=',
          value: 1,
        },
        TWO_YEARS,
        '>=',
        1,
      ),
    ],
    { review: 'clear goals, and meeting the national 校长信息化领导力标准' },
  ),
  '三(三)2': attested('management cases using data for governance and performance evaluation', 'a competence judgement'),
  '三(三)3': derived(
    'C',
    'share of 校长/分管校长/校领导 who delivered a lesson in an ICT environment in the SY > 0',
    [
      check(
        'leaders teaching with IT',
        {
          of: 'share',
          population: { fact: 'roles', key: 'person', where: { role: ['校长', '分管校长', '校领导'] } },
          evidence: { fact: 'LessonDelivered', key: 'teachers', where: { ictEnvironment: true } },
          cmp: '>=',
          value: 1,
        },
        SY,
        '>',
        0,
      ),
    ],
    { review: '带头 (leading by example)' },
  ),
  '四(一)1': derived(
    'A',
    "课时 of the semester's timetabled lessons (less cancelled) that a platform preparation lists (LessonPrepared.lessonIds, prepared by the window end) ÷ 课时 of its timetabled lessons ≥ 90 %",
    [check('prepared share', preparedPeriods, SEM, '>=', 0.9)],
  ),
  '四(一)2': derived('B', 'subjects offered in the SY with a 智慧课堂 lesson delivered in it ÷ subjects offered = 100 %', [
    check(
      'subjects covered',
      covered({ fact: 'CourseOffered', key: 'subject' }, { fact: 'LessonDelivered', key: 'subject', where: { teachingModels: { has: '智慧课堂' } } }),
      SY,
      '>=',
      1,
    ),
  ]),
  '四(一)3': derived('C', 'lessons taught with ICT in the SY: both 情境式 and 体验式; 高中: 虚实结合实验 ≥ 1', [
    check('lessons', distinct('LessonDelivered', 'teachingModels', { ictEnvironment: true }, ['情境式', '体验式']), SY, '>=', 2),
    check('高中 virtual experiments', count('LessonDelivered', { teachingModels: { has: '虚实结合实验' }, stage: '$stage' }), SY, '>=', 1, { 高中: 1 }),
  ]),
  '四(一)4': derived('C', 'a 教情 and a 学情 analysis in the semester', [
    check('analyses', distinct('ScoreAnalysisGenerated', 'analysisKind', undefined, ['学情分析', '教情分析']), SEM, '>=', 2),
  ]),
  '四(一)5': derived('C', "students' space activity on mobile in the semester ≥ 1", [
    exists('mobile learning', count('LearningActivitySummarized', { role: 'student', onMobile: { gte: 1 } }), SEM),
  ]),
  '四(二)1': derived('C', 'an in-use website, itself publishing (信息发布 used) in the last 30 days', [
    exists('website', count('systems', { features: { has: '网站' }, status: '在用' })),
    check('website updated (30 d)', systemsUsed({ features: { has: '网站' } }, { 'uses.feature': { has: '信息发布' } }), days(30), '>', 0),
  ]),
  '四(二)2': derived('B', 'in-use systems with unified identity ÷ in-use systems = 100 %, and at least 2 of them (多系统)', [
    check('SSO share', ratio(count('systems', { unifiedIdentity: true, status: '在用' }), count('systems', { status: '在用' })), AS_OF, '>=', 1),
    check('systems joined', count('systems', { unifiedIdentity: true, status: '在用' }), AS_OF, '>=', 2),
  ]),
  '四(二)3': derived('C', 'management systems connected to the 省级平台 and successful syncs to a provincial target in the SY ≥ 1', [
    exists('connected', count('systems', { connectedTo: { has: '省级平台' }, status: '在用' })),
    exists('syncs to the province', count('DataSyncedToAuthority', { succeeded: true, targetLevel: 'province' }), SY),
  ]),
  '四(二)4': attested('the data-analysis model and evaluation indicator system (documents)', 'a model is judged'),
  '四(二)5': derived(
    'B',
    'an in-use 综合素质评价 system; students with growth records in each of 德智体美劳 in the SY ÷ students = 100 %',
    [
      exists('evaluation system', sys('综合素质评价')),
      check(
        'students evaluated in 德智体美劳',
        {
          of: 'shareAll',
          population: { fact: 'students', key: 'student' },
          evidence: (['德', '智', '体', '美', '劳'] as const).map((dimension) => ({ fact: 'GrowthRecordAdded', key: 'student', where: { dimension } })),
        },
        SY,
        '>=',
        1,
      ),
    ],
    { review: '科学评价' },
  ),
  '四(三)1': derived('C', 'a free 家校互动 system used in the SY; 高中: 社会综合实践 activities with online sign-up in the SY ≥ 1', [
    check('home-school used', systemsUsed({ systemKinds: { has: '家校互动' }, features: { has: '对家长免费' } }), SY, '>', 0),
    check('高中 practice', count('ActivityHeld', { kind: '社会综合实践', stage: '$stage', onlineSignUp: true }), SY, '>=', 1, { 高中: 1 }),
  ]),
  '四(三)2': derived('C', 'resources shared open to the public or recommended to the public in the SY ≥ 1', [
    exists('public service', add(count('ResourceShared', { openToPublic: true }), count('ResourceRecommended', { audience: 'public' })), SY),
  ]),
  '五(一)1': derived('C', 'a 信息化工作领导小组 whose 组长 is a 校长; 专题会议 on 信息化 in the semester ≥ 1', [
    check(
      'group led by the 校长',
      {
        of: 'share',
        population: { fact: 'orgUnits', key: 'leader', where: { kind: ['信息化工作领导小组', '智慧校园建设领导小组'] } },
        evidence: { fact: 'roles', key: 'person', where: { role: '校长' } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>',
      0,
    ),
    exists('meeting', count('ActivityHeld', { kind: '专题会议', topics: { hasAny: IT_TOPICS } }), SEM),
  ]),
  '五(一)2': derived('C', 'a 首席信息官', [exists('CIO', count('roles', { role: '首席信息官' }))]),
  '五(一)3': attested('the smart-campus plan and progress reports', 'plans are documents'),
  '五(二)1': attested('the founding document of the IT department', 'the department and its remit are documents'),
  '五(二)2': derived('A', 'full-time 信息化管理人员 with a valid 市级+ certificate ≥ 1', [
    check(
      'certified full-time staff',
      {
        of: 'share',
        population: { fact: 'roles', key: 'person', where: { role: '信息化管理人员', fullTime: true } },
        evidence: { fact: 'credentials', key: 'holder', where: { kind: ['信息化相关证书', '网络安全管理上岗资质证'], issuerLevel: { atLeast: 'city' } } },
        cmp: '>=',
        value: 1,
      },
      AS_OF,
      '>',
      0,
    ),
  ]),
  '五(二)3': derived('B', 'subjects taught with a 学科融合负责人 ÷ subjects taught = 100 %', [
    check(
      'leads per subject',
      covered({ fact: 'teachers', key: 'subjects', where: { post: '专任教师' } }, { fact: 'roles', key: 'subject', where: { role: '学科融合负责人' } }),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '五(三)1': attested("the finance department's allocation for school IT", 'no event family carries money'),
  '五(三)2': attested('the share of 生均公用经费 spent on IT resources and maintenance', 'no event family carries money'),
  '五(三)3': attested('school–enterprise cooperation agreements', 'contracts are documents'),
  '五(四)1': attested('rules for IT construction, operation and management', 'rules are documents'),
  '五(四)2': attested('incentive rules for innovative IT use', 'rules are documents'),
  '六(一)1': derived(
    'A',
    '市级+ IT research projects the school leads or joins, concluded as passed ≥ 1',
    [
      check(
        'IT projects concluded',
        {
          of: 'share',
          population: { fact: 'ResearchProjectApproved', key: 'projectId', where: { level: { atLeast: 'city' }, topics: { hasAny: IT_TOPICS } } },
          evidence: { fact: 'ResearchProjectConcluded', key: 'projectId', where: { result: '通过结题' } },
          cmp: '>=',
          value: 1,
        },
        EVER,
        '>',
        0,
      ),
    ],
    { review: 'recognition and dissemination of the result' },
  ),
  '六(一)2': attested('evidence of the impact of frontier IT use within and beyond the province', 'impact is judged'),
  '六(一)3': derived('C', 'a 创新实验室 and a 智慧学习体验中心; STEAM activities in the SY ≥ 1', [
    exists('innovation lab', count('rooms', { roomKind: '创新实验室', inUse: true })),
    exists('experience centre', count('rooms', { roomKind: '智慧学习体验中心', inUse: true })),
    exists('STEAM', count('ActivityHeld', { kind: 'STEAM活动' }), SY),
  ]),
  '六(二)1': attested('smart-classroom teaching cases with dissemination value', 'value is judged'),
  '六(二)2': attested('outstanding achievements in resource platforms and sharing', 'outstanding is judged'),
  '六(二)3': attested('breakthroughs in 网络学习空间人人通', 'a breakthrough is judged'),
  '六(二)4': derived('A', "awards or publicity at 省级+ of the school's featured results ≥ 1", [
    exists(
      'recognition',
      add(
        count('AwardReceived', { recipientKind: 'school', level: { atLeast: 'province' } }),
        count('ArticlePublished', { kind: ['新闻报道', '经验介绍'], level: { atLeast: 'province' } }),
      ),
      EVER,
    ),
  ]),
  '六(三)': attested('the sustainable construction and application mechanism (documents)', 'a mechanism is judged'),
};
