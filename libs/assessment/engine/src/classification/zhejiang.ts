import {
  AS_OF,
  CREATION,
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
  derivedAndAttested,
  distinct,
  exists,
  ratio,
  students,
  studentShare,
  sum,
  teacherShare,
  teachers,
  type ClassificationTable,
  type FactName,
  type Measure,
  type Where,
} from '../formula';

// 浙江 建设指南, 88 requirements. 每学年/每年 is the school year. No points: an item is met or not.

const inService = { status: '在用' } as const;
const COMPUTERS = ['台式计算机', '笔记本计算机', '云桌面终端'];
const sys = (kind: string) => count('systems', { systemKinds: { has: kind }, status: '在用' });
/** The share of in-use rooms of some kinds holding an in-service device that matches. */
const roomsWithDevice = (roomKind: readonly string[], device: Where, rooms: Where = {}): Measure => ({
  of: 'share',
  population: { fact: 'rooms', key: 'roomId', where: { roomKind, inUse: true, ...rooms } },
  evidence: { fact: 'devices', key: 'roomId', where: { ...device, ...inService } },
  cmp: '>=',
  value: 1,
});
const roomsWith = (roomKind: readonly string[], deviceType: string | readonly string[], rooms: Where = {}): Measure =>
  roomsWithDevice(roomKind, { deviceType }, rooms);
/** The share of a population's keys with at least one matching record: `> 0` = "some X has a Y" (the same room, system, group, person). */
const linked = (population: { fact: FactName; key: string; where?: Where }, evidence: { fact: FactName; key: string; where?: Where }): Measure => ({
  of: 'share',
  population,
  evidence,
  cmp: '>=',
  value: 1,
});
/** In-use systems matching `where` that had active users in the window: "使用…系统" / "运用…开展" (use of those systems, not of any). */
const usedSystems = (where: Where): Measure =>
  linked(
    { fact: 'systems', key: 'systemId', where: { ...where, status: '在用' } },
    { fact: 'SystemUsageSummarized', key: 'systemId', where: { activeUsers: { gte: 1 } } },
  );
/** "所有教室、实验室": every room kind that is a classroom or a laboratory. */
const CLASSROOMS = ['普通教室', '功能教室', '学科教室', '计算机教室', '录播教室', '智能教室', '智慧教室', '创新教室'];
const LABS = ['实验室', '创新实验室', '人工智能实验室'];
/** The systems of 智能校园安防 (出入口控制、访客管理、消防报警、紧急广播, surveillance and alarms). */
const SECURITY_SYSTEMS = ['安防综合管理', '出入口控制', '访客管理', '消防报警', '紧急广播', '视频监控', '一键报警'];
/** 教育信息化 topics (智慧校园技术研究、特色应用…). */
const IT_TOPICS = ['教育信息化', '信息技术', '信息技术融合', '网络学习空间', '三个课堂', '互联网+教育', '人工智能', '大数据', '虚拟现实'];
const LEADING_GROUPS = ['智慧校园建设领导小组', '信息化工作领导小组'];
const SCHOOL_LEADERS = ['校长', '分管校长', '校领导'];
const doc = (what: string) => attested(what, 'plans, rules, designs and outcomes are documents a reviewer reads');

export const zhejiangClassification: ClassificationTable = {
  '(一)1.(1)': derived('A', 'in-use fibre 出口 links to 教育城域网/互联网: Σ bandwidth ≥ 1000 Mbps, IPv6; every 到桌面 link ≥ 1000 Mbps', [
    check(
      'fibre egress (Mbps)',
      sum('links', 'bandwidthMbps', { linkKind: '出口', medium: '光纤', upstream: ['教育城域网', '互联网'], inUse: true }),
      AS_OF,
      '>=',
      1000,
    ),
    exists('IPv6', count('links', { linkKind: '出口', ipv6: true, inUse: true })),
    check(
      'gigabit access',
      ratio(count('links', { linkKind: '到桌面', inUse: true, bandwidthMbps: { gte: 1000 } }), count('links', { linkKind: '到桌面', inUse: true })),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '(一)1.(2)': derived(
    'B',
    'every classroom (普通/功能/学科/计算机/录播/智能/智慧/创新教室), laboratory (实验室, 创新/人工智能实验室), 训练场地 and 办公室 wired = 100 %; main 教学/办公/生活 areas wireless = 100 %',
    [
      check(
        'wired',
        ratio(
          count('rooms', { roomKind: [...CLASSROOMS, ...LABS, '训练场地', '办公室'], inUse: true, wiredNetwork: true }),
          count('rooms', { roomKind: [...CLASSROOMS, ...LABS, '训练场地', '办公室'], inUse: true }),
        ),
        AS_OF,
        '>=',
        1,
      ),
      check(
        'wireless',
        ratio(
          count('rooms', { areaKind: ['教学', '办公', '生活'], mainArea: true, inUse: true, wirelessNetwork: true }),
          count('rooms', { areaKind: ['教学', '办公', '生活'], mainArea: true, inUse: true }),
        ),
        AS_OF,
        '>=',
        1,
      ),
    ],
  ),
  '(一)1.(3)': derived('C', 'in-use systems of the kinds 校园网络管理, 广播, 校园电视, 视频监控, 会议 (5 of 5)', [
    check('kinds', distinct('systems', 'systemKinds', { status: '在用' }, ['校园网络管理', '广播', '校园电视', '视频监控', '会议']), AS_OF, '>=', 5),
  ]),
  '(一)1.(4)': attested("等保 2.0 compliance: security products' certificates and the assessment report", 'compliance with law and 等保 2.0 is a judgement'),
  '(一)1.(5)': derived('B', 'a 统一上网管理 system; in-service student terminals with 安全浏览 ÷ student terminals = 100 %', [
    exists('internet management', sys('统一上网管理')),
    check(
      'safe browsing',
      ratio(
        count('devices', { ownerRole: 'student', deviceType: [...COMPUTERS, '移动学习终端'], capabilities: { has: '安全浏览' }, ...inService }),
        count('devices', { ownerRole: 'student', deviceType: [...COMPUTERS, '移动学习终端'], ...inService }),
      ),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '(一)2.(1)': derived(
    'A',
    'per stage: students of the stage ÷ in-service student computers of the stage or of the whole school (no stages) ≤ 7 (小学) / 6 (初中) / 5 (高中); 专任教师 ÷ teacher computers ≤ 1',
    [
      check(
        'students per computer',
        ratio(students('$stage'), count('devices', { deviceType: COMPUTERS, ownerRole: 'student', stages: { covers: '$stage' }, ...inService })),
        AS_OF,
        '<=',
        7,
        { 小学: 7, 初中: 6, 高中: 5 },
      ),
      check('teachers per computer', ratio(teachers(), count('devices', { deviceType: COMPUTERS, ownerRole: 'teacher', ...inService })), AS_OF, '<=', 1),
    ],
  ),
  '(一)2.(2)': derived(
    'B',
    'main (主要) public-service areas (图书馆, 活动室, 行政楼, 食堂, 宿舍, 活动空间) with an in-service 公用信息终端 ÷ those areas = 100 %',
    [check('rooms with terminals', roomsWith(['图书馆', '活动室', '行政楼', '食堂', '宿舍', '活动空间'], '公用信息终端', { mainArea: true }), AS_OF, '>=', 1)],
  ),
  '(一)2.(3)': derived(
    'C',
    'in-service 移动学习终端 ≥ 1 and 移动教学配套设备 ≥ 1',
    [
      exists('terminals', count('devices', { deviceType: '移动学习终端', ...inService })),
      exists('kit', count('devices', { deviceType: '移动教学配套设备', ...inService })),
    ],
    { review: '适量' },
  ),
  '(一)2.(4)': derived('B', '普通教室 and 功能教室 with an in-service 交互式多媒体 ÷ those rooms = 100 %', [
    check('rooms equipped', roomsWith(['普通教室', '功能教室'], '交互式多媒体教学设备'), AS_OF, '>=', 1),
  ]),
  '(一)3.(1)': derived('C', 'a 计算机教室 with in-service computers; 信息技术/信息科技 lessons timetabled in a 计算机教室 in the SY ≥ 1', [
    check('computer room', roomsWith(['计算机教室'], COMPUTERS), AS_OF, '>', 0),
    check(
      'IT lessons',
      linked(
        { fact: 'rooms', key: 'roomId', where: { roomKind: '计算机教室', inUse: true } },
        { fact: 'LessonTimetabled', key: 'roomId', where: { subject: ['信息技术', '信息科技'] } },
      ),
      SY,
      '>',
      0,
    ),
  ]),
  '(一)3.(2)': derived('C', 'a 校园电视台 with 虚拟演播室, 数字化摄录编辑 and 校内直播', [
    exists('TV station', count('rooms', { roomKind: '校园电视台', inUse: true })),
    check(
      'features',
      distinct('systems', 'features', { systemKinds: { has: '校园电视' }, status: '在用' }, ['虚拟演播室', '数字化摄录编辑', '校内直播']),
      AS_OF,
      '>=',
      3,
    ),
  ]),
  '(一)3.(3)': derived('C', 'a 录播教室 with a 录播系统; classroom recordings uploaded in the SY, one of them shared', [
    check('rooms with recording', roomsWith(['录播教室'], '录播系统'), AS_OF, '>', 0),
    exists('recordings', count('ResourceUploaded', { origin: '课堂录制' }), SY),
    check(
      'recordings shared',
      linked({ fact: 'ResourceUploaded', key: 'resourceId', where: { origin: '课堂录制' } }, { fact: 'ResourceShared', key: 'resourceId' }),
      SY,
      '>',
      0,
    ),
  ]),
  '(一)3.(4)': derived('C', 'a 智能教室 with an in-service 交互式多媒体, a 录播系统 and a device capturing 教学行为数据', [
    check('smart classroom', roomsWith(['智能教室'], '交互式多媒体教学设备'), AS_OF, '>', 0),
    check('recording', roomsWith(['智能教室'], '录播系统'), AS_OF, '>', 0),
    check('data capture', roomsWithDevice(['智能教室'], { capabilities: { has: '教学行为数据采集' } }), AS_OF, '>', 0),
  ]),
  '(一)4.(1)': derived('C', 'a 创新实验室; 拓展型/研究型 courses offered in the SY ≥ 1', [
    exists('lab', count('rooms', { roomKind: '创新实验室', inUse: true })),
    exists('courses', count('CourseOffered', { courseType: ['拓展型', '研究型'] }), SY),
  ]),
  '(一)4.(2)': derived('C', 'an in-use new-type teaching space ≥ 1', [exists('new-type spaces', count('rooms', { newTypeTeachingSpace: true, inUse: true }))]),
  '(一)5.(1)': derived('C', 'in-service 显示屏 ≥ 1 and 电子班牌 ≥ 1', [
    exists('displays', count('devices', { deviceType: '显示屏', ...inService })),
    exists('class boards', count('devices', { deviceType: '电子班牌', ...inService })),
  ]),
  '(一)5.(2)': attested('photos of the teacher–student activity spaces', 'leisure spaces are not registered as facts'),
  '(一)5.(3)': derived('C', 'a 图书管理 system with 自助借还 and 借阅历史查询; an in-service 自助借还机', [
    check('features', distinct('systems', 'features', { systemKinds: { has: '图书管理' }, status: '在用' }, ['自助借还', '借阅历史查询']), AS_OF, '>=', 2),
    exists('self-service machine', count('devices', { deviceType: '自助借还机', ...inService })),
  ]),
  '(一)6.(1)': derived(
    'B',
    '出入口控制, 访客管理, 消防报警, 紧急广播 (4 of 4); a security system synced to 教育行政部门 and one linked to 公安; gate passes in 30 days',
    [
      check('kinds', distinct('systems', 'systemKinds', { status: '在用' }, ['出入口控制', '访客管理', '消防报警', '紧急广播']), AS_OF, '>=', 4),
      exists('synced', count('systems', { systemKinds: { hasAny: SECURITY_SYSTEMS }, connectedTo: { has: '教育行政部门' }, status: '在用' })),
      exists('police', count('systems', { systemKinds: { hasAny: SECURITY_SYSTEMS }, connectedTo: { has: '公安' }, status: '在用' })),
      exists('gate passes (30 d)', count('GatePassesSummarized'), days(30)),
    ],
    { review: 'coverage of main areas' },
  ),
  '(一)6.(2)': derived('C', 'an in-use 餐饮卫生监测 system', [exists('hygiene monitoring', sys('餐饮卫生监测'))]),
  '(一)6.(3)': doc('AI-based early warning: design and demonstration'),
  '(一)7.(1)': derived('C', 'in-use systems built on 教育魔方 or IRS ≥ 1, one of them used (active users) in the SY', [
    exists('systems', count('systems', { builtOn: ['教育魔方', 'IRS'], status: '在用' })),
    check('usage', usedSystems({ builtOn: ['教育魔方', 'IRS'] }), SY, '>', 0),
  ]),
  '(一)7.(2)': derived('B', 'in-use systems with unified identity and connected to 教育魔方 ÷ in-use systems = 100 %', [
    check(
      'unified',
      ratio(count('systems', { unifiedIdentity: true, connectedTo: { has: '教育魔方' }, status: '在用' }), count('systems', { status: '在用' })),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '(二)1.(1)': derived('C', 'a school space; resources in the school library; shares to 县级/市级 platforms in the SY ≥ 1', [
    exists('school space', count('spaces', { ownerRole: 'school' })),
    exists('library', count('resources', { platformModule: '学校空间' })),
    exists('regional shares', count('ResourceShared', { platformLevel: ['county', 'city'] }), SY),
  ]),
  '(二)1.(2)': derived(
    'B',
    'resource kinds 教学设计, 微课, 课件, 作业练习, 实验演示 held (5 of 5); subjects with resources ÷ subjects offered = 100 %',
    [
      check('kinds held', distinct('resources', 'kind', undefined, ['教学设计', '微课', '课件', '作业练习', '实验演示']), AS_OF, '>=', 5),
      check('subjects covered', covered({ fact: 'CourseOffered', key: 'subject' }, { fact: 'resources', key: 'subject' }), EVER, '>=', 1),
    ],
    { review: 'every kind per subject (the cells)' },
  ),
  '(二)1.(3)': derived('A', '拓展型 courses in a 素质教育 category offered in the SY ≥ 1', [
    exists('courses', count('CourseOffered', { courseType: '拓展型', category: { exists: true } }), SY),
  ]),
  '(二)1.(4)': derived('C', 'problem-solving 微课 the school made (原创) tagged with knowledge points in the SY ≥ 1', [
    exists('micro-lessons', count('ResourceUploaded', { kind: '微课', origin: '原创', problemSolvingGuidance: true, knowledgePoints: { exists: true } }), SY),
  ]),
  '(二)2.(1)': derived(
    'C',
    'shares to 县级+ public platforms in the SY ≥ 1',
    [exists('shares', count('ResourceShared', { platformLevel: { atLeast: 'county' } }), SY)],
    { review: 'the sharing mechanism and incentives' },
  ),
  '(二)2.(2)': derived(
    'A',
    'in the SY: shares of subject resources and of quality-education course resources to 县级+ platforms, each ≥ 1',
    [
      exists(
        'subject resources',
        count('ResourceShared', { kind: ['教学设计', '微课', '课件', '作业练习', '实验演示', '教案', '学案'], platformLevel: { atLeast: 'county' } }),
        SY,
      ),
      exists(
        'course resources',
        count('ResourceShared', { kind: ['综合实践课程', '校本课程资源', '网络课程', '名师课程'], platformLevel: { atLeast: 'county' } }),
        SY,
      ),
    ],
    { review: '优质' },
  ),
  '(二)3.(1)': derived(
    'C',
    'in the last 30 days: management (attendance, gates, roster, assets), teaching (lessons, preparation, resources), research and evaluation (scores, analyses, homework, growth records) data received (4 of 4)',
    [
      exists(
        'management',
        add(
          ...['DailyAttendanceRecorded', 'GatePassesSummarized', 'TeacherAssigned', 'StudentEnrolled', 'DeviceRegistered', 'DeviceStatusChanged'].map((f) =>
            count(f),
          ),
        ),
        days(30),
      ),
      exists('teaching', add(...['LessonTimetabled', 'LessonDelivered', 'LessonPrepared', 'ResourceUploaded'].map((f) => count(f))), days(30)),
      exists('research', count('ResearchActivityHeld'), days(30)),
      exists('evaluation', add(...['ExamScoresPublished', 'ScoreAnalysisGenerated', 'HomeworkGraded', 'GrowthRecordAdded'].map((f) => count(f))), days(30)),
    ],
  ),
  '(二)3.(2)': derived('C', 'in the last 30 days: people status (attendance or gate passes) and device data (telemetry or status changes) received', [
    exists('people status', add(count('DailyAttendanceRecorded'), count('GatePassesSummarized')), days(30)),
    exists('device data', add(count('DeviceTelemetryReported'), count('DeviceStatusChanged')), days(30)),
  ]),
  '(二)3.(3)': derived('C', 'an in-use 数据仓 connected to 教育魔方', [
    exists('data warehouse', count('systems', { systemKinds: { has: '数据仓' }, connectedTo: { has: '教育魔方' }, status: '在用' })),
  ]),
  '(二)4.(1)': doc('data cleansing procedures and data-quality reports'),
  '(二)4.(2)': doc('data-based applications for students, teachers, sensing and governance'),
  '(二)4.(3)': derived(
    'C',
    '教情 and 学情 analyses in the SY (2 of 2)',
    [check('analyses', distinct('ScoreAnalysisGenerated', 'analysisKind', undefined, ['学情分析', '教情分析']), SY, '>=', 2)],
    { review: 'the 学校数据中枢' },
  ),
  '(三)1.(1)': derived('C', 'in-use systems provided at 县级+ ≥ 1, one of them used (active users) in the SY', [
    exists('systems', count('systems', { providerLevel: { atLeast: 'county' }, status: '在用' })),
    check('usage', usedSystems({ providerLevel: { atLeast: 'county' } }), SY, '>', 0),
  ]),
  '(三)1.(2)': derived('C', 'in the SY, a used (active users) in-use system for each of 行政 (行政/协同办公, 校务管理), 财务, 资产 and 后勤 management', [
    check('administration', usedSystems({ systemKinds: { hasAny: ['行政办公', '协同办公', '校务管理'] } }), SY, '>', 0),
    check('finance', usedSystems({ systemKinds: { has: '财务管理' } }), SY, '>', 0),
    check('assets', usedSystems({ systemKinds: { has: '资产管理' } }), SY, '>', 0),
    check('logistics', usedSystems({ systemKinds: { has: '后勤管理' } }), SY, '>', 0),
  ]),
  '(三)1.(3)': derived('C', 'in the SY: 排课, 选课, 评课, 考务, 校本课程, 备课, 授课, 校本课题, class and personal spaces each evidenced', [
    exists('排课', count('LessonTimetabled'), SY),
    exists('选课', count('CourseSelectionClosed'), SY),
    exists('评课', count('ResearchActivityHeld', { kind: '听评课' }), SY),
    exists('考务', count('ExamScheduled'), SY),
    exists('校本课程', count('CourseOffered', { kind: '校本课程' }), SY),
    exists('备课', count('LessonPrepared'), SY),
    exists('授课', count('LessonDelivered', { platform: { exists: true } }), SY),
    exists('校本课题', count('ResearchProjectApproved', { kind: '校本课题' }), EVER),
    exists('class spaces', count('spaces', { ownerRole: 'class' })),
    exists('personal spaces', count('spaces', { ownerRole: ['teacher', 'student'] })),
  ]),
  '(三)1.(4)': derived('C', 'an in-use 统一身份认证 system', [exists('identity', sys('统一身份认证'))]),
  '(三)2.(1)': derived('B', '专任教师 with an open real-name space = 100 %; trained in 网络学习空间专题培训 = 100 %; in space research activities = 100 %', [
    check('teachers with a space', teacherShare('spaces', 'owner', { ownerRole: 'teacher', realName: true }), AS_OF, '>=', 1),
    check('teachers trained', teacherShare('TrainingCompleted', 'trainee', { kind: '网络学习空间专题培训' }), EVER, '>=', 1),
    check('teachers in research', teacherShare('ResearchActivityHeld', 'participants', { topics: { has: '网络学习空间' } }), SY, '>=', 1),
  ]),
  '(三)2.(2)': derived(
    'C',
    'in the semester: platform preparation, platform lessons and online tutoring, each ≥ 1',
    [
      exists('preparation', count('LessonPrepared'), SEM),
      exists('platform lessons', count('LessonDelivered', { platform: { exists: true } }), SEM),
      exists('tutoring', count('OnlineTutoringHeld'), SEM),
    ],
    { review: '常态化 (monthly proposed)' },
  ),
  '(三)2.(3)': doc('typical teaching application scenarios selected'),
  '(三)3.(1)': derived('B', 'students with an open real-name space ÷ students = 100 %', [
    check('students with a space', studentShare('spaces', 'owner', { ownerRole: 'student', realName: true }), AS_OF, '>=', 1),
  ]),
  '(三)3.(2)': derived('C', 'students with 自主学习, 网络交流 or 在线测试 in their space in the semester ≥ 1', [
    exists('students', count('LearningActivitySummarized', { role: 'student', 'activities.kind': { hasAny: ['自主学习', '网络交流', '在线测试'] } }), SEM),
  ]),
  '(三)3.(3)': derived('C', 'teacher-guided 合作/探究/个性化 learning by students in the semester ≥ 1', [
    exists(
      'guided learning',
      count('LearningActivitySummarized', {
        role: 'student',
        teacherGuided: { gte: 1 },
        'activities.kind': { hasAny: ['合作学习', '探究学习', '个性化学习'] },
      }),
      SEM,
    ),
  ]),
  '(三)3.(4)': doc('school-based personalised learning services offered'),
  // 每学年制定网络教研计划: the plan is a document; the 网络研修活动 are events
  '(三)4.(1)': derivedAndAttested(
    derived('A', 'online or blended research activities in the SY ≥ 1', [
      exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SY),
    ]),
    "the school year's 网络教研计划",
    'a plan is a document no event carries',
  ),
  '(三)4.(2)': derived('C', 'online courses (网络课程, 名师课程, 慕课, 微课程) pushed to teachers and online research in the SY, each ≥ 1', [
    exists('pushes', count('ResourceRecommended', { audience: 'teacher', kind: ['网络课程', '名师课程', '慕课', '微课程'] }), SY),
    exists('online research', count('ResearchActivityHeld', { mode: ['线上', '混合'] }), SY),
  ]),
  '(三)4.(3)': derived('C', 'research activities with recorded outcomes in the SY ≥ 1', [
    exists('managed research', count('ResearchActivityHeld', { outcomeRecorded: true }), SY),
  ]),
  '(三)5.(1)': derived('B', 'enrolled students with a growth record in the SY ÷ enrolled students = 100 %', [
    check('growth records', studentShare('GrowthRecordAdded', 'student'), SY, '>=', 1),
  ]),
  '(三)5.(2)': derived('B', '专任教师 with a development record in the SY ÷ 专任教师 = 100 %', [
    check('teacher records', teacherShare('TeacherRecordAdded', 'teacher'), SY, '>=', 1),
  ]),
  '(三)5.(3)': doc('the school development archive'),
  '(三)5.(4)': doc('the school data-analysis model and dashboards'),
  '(三)6.(1)': derived(
    'C',
    'a 数字家长学校 system; 家庭教育在线指导 for parents online (线上/混合) in the SY ≥ 1; a 家校 system offering 在校情况查询 or 家庭教育咨询',
    [
      exists('parent school', sys('数字家长学校')),
      exists('guidance', count('ActivityHeld', { kind: '家庭教育在线指导', audience: { has: 'parent' }, mode: ['线上', '混合'] }), SY),
      exists(
        'communication',
        count('systems', { systemKinds: { hasAny: ['数字家长学校', '家校互动'] }, features: { hasAny: ['在校情况查询', '家庭教育咨询'] }, status: '在用' }),
      ),
    ],
  ),
  '(三)6.(2)': derived('C', '名师/综合实践 courses pushed to parents and 家校公益活动 in the SY, each ≥ 1', [
    exists('pushes', count('ResourceRecommended', { audience: 'parent', kind: ['名师课程', '综合实践课程'] }), SY),
    exists('activities', count('ActivityHeld', { kind: '家校公益活动' }), SY),
  ]),
  '(四)1.(1)': derived('C', "teachers' space activity (资源管理, 活动设计, 任务布置) and 个性化设置 in the SY, each ≥ 1", [
    exists(
      'teacher activity',
      count('LearningActivitySummarized', { role: 'teacher', 'activities.kind': { hasAny: ['资源管理', '活动设计', '任务布置'] } }),
      SY,
    ),
    exists('personalised space', count('LearningActivitySummarized', { role: 'teacher', 'activities.kind': '个性化设置' }), SY),
  ]),
  '(四)1.(2)': derived('C', 'online, offline and blended lessons taught with ICT (信息化设备) in the SY, each ≥ 1', [
    exists('online', count('LessonDelivered', { mode: '线上' }), SY),
    exists('offline', count('LessonDelivered', { mode: '线下', ictEnvironment: true }), SY),
    exists('blended', count('LessonDelivered', { mode: '混合' }), SY),
  ]),
  '(四)1.(3)': derived('C', '学情 analyses in the semester ≥ 1', [exists('analyses', count('ScoreAnalysisGenerated', { analysisKind: '学情分析' }), SEM)]),
  '(四)1.(4)': derived('C', 'IT research projects (ever), and in the SY papers and 县级+ teacher awards in 信息化 competitions, each ≥ 1', [
    exists('research', count('ResearchProjectApproved', { topics: { hasAny: ['教育信息化', '信息技术', '信息技术融合'] } }), EVER),
    exists('papers', count('ArticlePublished', { kind: '论文' }), SY),
    exists(
      'awards',
      count('AwardReceived', { recipientKind: 'teacher', level: { atLeast: 'county' }, category: ['信息化教学比赛', '信息技术应用类竞赛', '数字作品竞赛'] }),
      SY,
    ),
  ]),
  '(四)2.(1)': attested("students' information-safety education records", 'conduct is not an event'),
  '(四)2.(2)': attested("students' digital-resource work samples", 'a competence judgement'),
  '(四)2.(3)': derived('C', 'students with 资源管理, 自主, 合作 or 探究 learning in their space in the semester ≥ 1', [
    exists(
      'students',
      count('LearningActivitySummarized', { role: 'student', 'activities.kind': { hasAny: ['资源管理', '自主学习', '合作学习', '探究学习'] } }),
      SEM,
    ),
  ]),
  '(四)2.(4)': derived('C', 'student awards in 数字作品 competitions at 县级+ from 教育部门 ≥ 1', [
    exists(
      'awards',
      count('AwardReceived', { recipientKind: 'student', category: '数字作品竞赛', level: { atLeast: 'county' }, awardingBody: '教育部门' }),
      EVER,
    ),
  ]),
  '(四)3.(1)': attested("leaders' understanding of IT policy and security awareness (statements, training)", 'awareness is not an event'),
  '(四)3.(2)': attested('management and teaching reforms led with IT (cases)', 'a competence judgement'),
  // 能编制学校信息化发展规划、规章制度与应用办法: documents; 师生全覆盖 is counted from lessons and space activity
  '(四)3.(3)': derivedAndAttested(
    derived(
      'B',
      '专任教师 who delivered an ICT lesson in the SY ÷ 专任教师 = 100 %; students with space learning activity in the SY ÷ students = 100 %',
      [
        check('teachers teaching with IT', teacherShare('LessonDelivered', 'teachers', { ictEnvironment: true }), SY, '>=', 1),
        check('students learning with IT', studentShare('LearningActivitySummarized', 'person', { role: 'student' }), SY, '>=', 1),
      ],
      { review: '逐步: the trend across school years' },
    ),
    'the 信息化发展规划, the 规章制度 and the 应用办法',
    'plans and rules are documents no event carries',
  ),
  '(四)3.(4)': doc('data-based governance and performance evaluation'),
  '(四)4.(1)': attested("IT staff's competence (certificates, training)", 'a competence judgement'),
  '(四)4.(2)': derived(
    'C',
    'device repairs completed (status 维修 → 在用) in the SY ≥ 1',
    [exists('repairs', count('DeviceStatusChanged', { status: '在用' }), SY)],
    { review: '及时 turnaround' },
  ),
  '(四)4.(3)': doc('planning and performance evaluation of the IT environment'),
  '(五)1.(1)': derived(
    'C',
    'a 领导小组 led by the 校长; a 首席信息官 who is a 校领导 (校长, 分管校长, 校领导); a meeting of the group in the semester',
    [
      check(
        'group',
        linked({ fact: 'orgUnits', key: 'leader', where: { kind: LEADING_GROUPS } }, { fact: 'roles', key: 'person', where: { role: '校长' } }),
        AS_OF,
        '>',
        0,
      ),
      check(
        'CIO',
        linked({ fact: 'roles', key: 'person', where: { role: '首席信息官' } }, { fact: 'roles', key: 'person', where: { role: SCHOOL_LEADERS } }),
        AS_OF,
        '>',
        0,
      ),
      check(
        'meeting',
        linked(
          { fact: 'orgUnits', key: 'orgUnitId', where: { kind: LEADING_GROUPS } },
          { fact: 'ActivityHeld', key: 'orgUnitId', where: { kind: ['工作会议', '专题会议'] } },
        ),
        SEM,
        '>',
        0,
      ),
    ],
    { review: '定期 (one meeting a semester proposed)' },
  ),
  '(五)1.(2)': derived('A', 'a 智慧校园建设工作专班; a full-time IT person; major incidents in the creation period = 0', [
    exists('task force', count('orgUnits', { kind: '智慧校园建设工作专班' })),
    exists('full-time staff', count('roles', { role: ['信息化管理人员', '网管'], fullTime: true })),
    check('major incidents', count('SecurityIncidentRecorded', { severity: ['重大', '特别重大'], schoolResponsible: true }), CREATION, '<=', 0),
  ]),
  '(五)2.(1)': derived(
    'B',
    'in-use teaching spaces (areaKind 教学), network links and systems with a responsible person ÷ each = 100 %',
    [
      check(
        'rooms',
        ratio(count('rooms', { areaKind: '教学', inUse: true, responsible: { exists: true } }), count('rooms', { areaKind: '教学', inUse: true })),
        AS_OF,
        '>=',
        1,
      ),
      check('links', ratio(count('links', { inUse: true, responsible: { exists: true } }), count('links', { inUse: true })), AS_OF, '>=', 1),
      check('systems', ratio(count('systems', { status: '在用', responsible: { exists: true } }), count('systems', { status: '在用' })), AS_OF, '>=', 1),
    ],
    { review: 'the responsible persons are 专（兼）职 IT staff' },
  ),
  '(五)2.(2)': derived('B', 'subjects taught with a 学科融合负责人 ÷ subjects taught = 100 %', [
    check(
      'leads per subject',
      covered({ fact: 'teachers', key: 'subjects', where: { post: '专任教师' } }, { fact: 'roles', key: 'subject', where: { role: '学科融合负责人' } }),
      AS_OF,
      '>=',
      1,
    ),
  ]),
  '(五)2.(3)': derived('B', '专任教师 who passed the 提升工程 = 100 %; 网络安全培训 in the SY ≥ 1', [
    check('teachers in the programme', teacherShare('TrainingCompleted', 'trainee', { kind: '信息技术应用能力提升工程', passed: true }), EVER, '>=', 1),
    exists('security training', count('TrainingCompleted', { kind: '网络安全培训' }), SY),
  ]),
  '(五)3.(1)': doc('the smart-campus plan with stage goals'),
  '(五)3.(2)': doc('operation, training, incentive and performance rules'),
  '(五)3.(3)': doc('等保 and network-security rules'),
  // 制订网络安全应急预案: a document; the 应急演练 are events
  '(五)3.(4)': derivedAndAttested(
    derived('A', '网络安全应急演练 in the SY ≥ 1', [exists('drill', count('ActivityHeld', { kind: '网络安全应急演练' }), SY)]),
    'the 网络安全应急预案',
    'a 预案 is a document no event carries',
  ),
  '(五)4.(1)': attested('the annual budget share for IT', 'no event family carries money'),
  '(五)4.(2)': attested('the special funds and their uses', 'no event family carries money'),
  '(六)1.(1)': doc('innovations in the campus culture environment'),
  '(六)1.(2)': doc('smart-classroom teaching cases'),
  '(六)1.(3)': doc('achievements in sharing quality resources'),
  '(六)1.(4)': doc('management and application cases'),
  '(六)1.(5)': doc('innovations in logistics, home–school and community services'),
  '(六)2.(1)': doc('research on AI, big data and IoT in teaching and its dissemination'),
  '(六)2.(2)': derived(
    'C',
    '县级+ 教育信息化 research projects, 会议论文 published or 案例遴选 awards in the creation period ≥ 1',
    [
      exists(
        'projects, papers or awards',
        add(
          count('ResearchProjectApproved', { level: { atLeast: 'county' }, topics: { hasAny: IT_TOPICS } }),
          count('ArticlePublished', { kind: '论文', venueKind: '会议论文集', level: { atLeast: 'county' }, topics: { hasAny: IT_TOPICS } }),
          count('AwardReceived', { category: '案例遴选', level: { atLeast: 'county' }, topics: { hasAny: IT_TOPICS } }),
        ),
        CREATION,
      ),
    ],
    { review: 'the topic is smart-campus research, application or results' },
  ),
};
