import type { Catalog } from '../schema';

// 温州市智慧校园2.0创建指导性指标体系（试行） (附件1) — 003_0985258ed77a543f.txt
// Data only, generated once from the document and checked against it by wenzhou.catalog.spec.ts.
export const wenzhou: Catalog = {
  id: 'wenzhou',
  title: '温州市智慧校园2.0创建指导性指标体系（试行）',
  titleLabel: 'Wenzhou Smart Campus 2.0 guiding indicator system (trial)',
  documentTitle: '温州市教育局关于进一步加快中小学智慧校园2.0创建的实施意见（试行）',
  issuer: '温州市教育局',
  issuerLabel: 'Wenzhou Municipal Education Bureau',
  regionCode: '330300',
  documentNumber: '温教技〔2021〕150号',
  issued: '2021-11-03',
  trial: true,
  sourceFile: '003_0985258ed77a543f.txt',
  levels: [
    { name: '一级指标', label: 'first-level indicator' },
    { name: '二级指标', label: 'second-level indicator' },
    { name: '三级指标', label: 'third-level indicator' },
  ],
  scoring: {
    kind: 'levels',
    levels: [
      { id: 'standard', name: '智慧校园达标校', label: 'standard smart-campus school', required: 16 },
      { id: 'v2', name: '智慧校园2.0学校', label: 'Smart Campus 2.0 school', required: 22 },
    ],
    minimumOthers: 1,
  },
  groups: [
    {
      id: '环境融通',
      number: null,
      name: '环境融通',
      label: 'Connected environment',
      groups: [
        {
          id: '网络基础',
          number: null,
          name: '网络基础',
          label: 'Network foundation',
          items: [
            {
              id: '1',
              number: '1',
              text: '学校出口带宽达到万兆到校，校园内无线网络全覆盖，网络支撑常规教育教学场景。',
              label: '10G egress to the school, full wireless coverage supporting routine teaching',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '实地查看，重点看教学场景',
            },
            {
              id: '2',
              number: '2',
              text: '校园骨干网络、楼宇间带宽均不低于万兆，到桌面不低于千兆，支持IPV6。通过5G、千兆无线网络方式，实现无线网络覆盖主要教学场所',
              label: 'Backbone and inter-building ≥ 10G, desktop ≥ 1G, IPv6; 5G or gigabit wireless in main teaching places',
              requiredAt: [],
              acceptance: '实地查看',
            },
          ],
        },
        {
          id: '教学设施',
          number: null,
          name: '教学设施',
          label: 'Teaching facilities',
          items: [
            {
              id: '3',
              number: '3',
              text: '学校所有教学场所配备多媒体设备；有效生机比高中5:1，初中6:1，小学7:1，有效教师用机配比达到1:1。',
              label: 'Multimedia in every teaching place; student:computer 5:1 / 6:1 / 7:1; teacher computers 1:1',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '实地查看、看统计数据',
            },
            {
              id: '4',
              number: '4',
              text: '建有创客空间和人工智能实验室，配备开展创客、人工智能课程（包含信息技术必修课）相应的软硬件设备设施和课程资源',
              label: 'Maker space and AI lab with equipment and course resources',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '实地查看',
            },
            {
              id: '5',
              number: '5',
              text: '公共服务区域（图书馆、活动室、行政楼等）配备为师生提供信息化服务的公用终端。将信息化元素融入校园文化环境，有展示学校智慧教育的集成空间。',
              label: 'Public terminals in public service areas; an integrated space showing smart education',
              requiredAt: [],
              acceptance: '实地查看',
            },
            {
              id: '6',
              number: '6',
              text: '建有新型教学空间，包含交互式多媒体、录播系统和教学应用平台，有条件的学校配置个人学习终端。有条件的学校建有实验操作和评价系统。',
              label: 'New-type teaching spaces with interactive multimedia, lecture capture and a teaching platform',
              requiredAt: [
                { level: 'standard', qualifier: '有少部分通用教室建成新型教学空间' },
                { level: 'v2', qualifier: '通用教室规模化建成新型空间有常态化应用场景' },
              ],
              acceptance: '实地查看、看演示',
            },
          ],
        },
        {
          id: '安防设施',
          number: null,
          name: '安防设施',
          label: 'Security facilities',
          items: [
            {
              id: '7',
              number: '7',
              text: '校园出入口有访客、人员身份识别、测温等系统，可查询校园人员出入记录及体温等数据。',
              label: 'Entrance visitor, identity and temperature systems with queryable records',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '实地查看、看演示',
            },
            {
              id: '8',
              number: '8',
              text: '建有校园智能安防综合管理系统，能实现对校园出入口、重点区域及师生活动集中区域全覆盖，能实现校园视频监控系统和公安系统联网。',
              label: 'Integrated smart security covering entrances and key areas, linked to police',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '实地查看、看演示',
              note: 'The extracted text starts with a Word bookmark tag "[bookmark: _GoBack]"; it is not part of the wording and is left out.',
            },
          ],
        },
      ],
    },
    {
      id: '数据驱动',
      number: null,
      name: '数据驱动',
      label: 'Data-driven',
      groups: [
        {
          id: '数据治理',
          number: null,
          name: '数据治理',
          label: 'Data governance',
          items: [
            {
              id: '9',
              number: '9',
              text: '建有统一的校园应用门户（如钉钉），实现各类应用统一认证、单点登录，支持用户角色和授权的个性化设置。',
              label: 'Unified campus app portal (e.g. DingTalk) with SSO and role-based personalisation',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '看演示，查看后台数据',
            },
            {
              id: '10',
              number: '10',
              text: '建有协同办公系统、教务管理系统等并常态化使用，基本实现数字化管理。',
              label: 'Collaborative office and academic affairs systems in routine use',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
            {
              id: '11',
              number: '11',
              text: '建有标准统一的学校教育数据仓，实现各类教育数据动态汇聚、智能治理、授权使用，实现本校内各大系统与上级教育主管部门之间的数据互联互通。',
              label: 'Standardised school education data warehouse connected with higher authorities',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
        {
          id: '数据决策',
          number: null,
          name: '数据决策',
          label: 'Data-based decisions',
          items: [
            {
              id: '12',
              number: '12',
              text: '有符合本校特色的“数字驾驶舱”，并能通过此驾驶舱服务学校教育与管理的预警和决策。',
              label: 'A school "digital cockpit" serving early warning and decisions',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
      ],
    },
    {
      id: '教学变革',
      number: null,
      name: '教学变革',
      label: 'Teaching transformation',
      groups: [
        {
          id: '数字资源',
          number: null,
          name: '数字资源',
          label: 'Digital resources',
          items: [
            {
              id: '13',
              number: '13',
              text: '能有效应用之江汇、温州教育影院、云图及自建校本资源库等各级资源服务体系。每年至少开发1门不少于12课时的校本课程资源，新增数字资源总量50个以上。利用数字家长学校，开展线上家校沟通与活动，每年向家长推荐家庭教育学习资源数20个以上。',
              label:
                'Use resource services; ≥ 1 school-based course of ≥ 12 periods and ≥ 50 new digital resources a year; ≥ 20 family-education resources a year',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '查看后台过程性数据，实地查看上课情况、师生访谈',
            },
          ],
        },
        {
          id: '常规迭代',
          number: null,
          name: '常规迭代',
          label: 'Iterated routines',
          items: [
            {
              id: '14',
              number: '14',
              text: '教师利用网络教学空间或智能备课平台开展备课、利用交互式多媒体开展互动课堂教学、开展智能改作、开展在线辅导，实现教师教学常规的迭代提升。',
              label: 'Teachers prepare, teach interactively, mark and tutor online with platforms',
              requiredAt: [
                { level: 'standard', qualifier: '至少有1个学科开展至少一个项目试点应用' },
                { level: 'v2', qualifier: '至少有2个学科开展至少2个项目常态使用' },
              ],
            },
          ],
        },
        {
          id: '模式创新',
          number: null,
          name: '模式创新',
          label: 'Model innovation',
          items: [
            {
              id: '15',
              number: '15',
              text: '开展“以学习者为中心”的新型课堂教学模式实践，特别是利用人工智能、大数据等技术开展精准教学、个性化学习、多样化学习方式等探索。',
              label: 'Learner-centred classroom models: precise, personalised and varied learning with AI and big data',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
        {
          id: '网络教研',
          number: null,
          name: '网络教研',
          label: 'Online teaching research',
          items: [
            {
              id: '16',
              number: '16',
              text: '利用网络平台常态化开展网络研修、听评课和集体备课等教研活动。',
              label: 'Routine online teaching research, lesson observation and collective lesson preparation',
              requiredAt: [],
            },
          ],
        },
        {
          id: '智能评价',
          number: null,
          name: '智能评价',
          label: 'Intelligent evaluation',
          items: [
            {
              id: '17',
              number: '17',
              text: '通过智能化应用自动采集学生德、智、体、美、劳等过程性数据，记录学生成长轨迹，建立学生数字档案，支持学生发展性评价。',
              label: "Automatic collection of students' process data into a digital record for developmental evaluation",
              requiredAt: [],
            },
            {
              id: '18',
              number: '18',
              text: '借助信息化手段辅助学校教学新常规管理，建有教师成长数字档案，支持教师专业发展评价。',
              label: 'Digital teacher growth records supporting professional evaluation',
              requiredAt: [],
            },
          ],
        },
        {
          id: '人工智能教育',
          number: null,
          name: '人工智能教育',
          label: 'AI education',
          items: [
            {
              id: '19',
              number: '19',
              text: '落实信息技术必修课程中的人工智能模块教学。',
              label: 'Teach the AI module of the compulsory IT course',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
            {
              id: '20',
              number: '20',
              text: '充分利用人工智能实验室，开展必修课程或拓展（选修）类课程常态化教学。',
              label: 'Routine compulsory or elective teaching in the AI lab',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
      ],
    },
    {
      id: '素养提升',
      number: null,
      name: '素养提升',
      label: 'Literacy',
      groups: [
        {
          id: '教师信息素养',
          number: null,
          name: '教师信息素养',
          label: "Teachers' information literacy",
          items: [
            {
              id: '21',
              number: '21',
              text: '创建期间学校有开展信息化研究的项目及成果，教师有获县（市、区）级以上奖项或开展县级以上相关讲座。',
              label: 'IT research projects and results; teacher awards or lectures at county level or above',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
              acceptance: '查台账',
            },
            {
              id: '22',
              number: '22',
              text: '有教师被聘为县（市、区）级以上“未来教育技术学院”讲师。',
              label: 'A teacher appointed lecturer of a county-or-higher "Future Education Technology Academy"',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
        {
          id: '学生信息素养',
          number: null,
          name: '学生信息素养',
          label: "Students' information literacy",
          items: [
            {
              id: '23',
              number: '23',
              text: '每年组织开展校级科技节或创客文化节等活动。',
              label: 'A yearly school science or maker festival',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
            {
              id: '24',
              number: '24',
              text: '创建期间学生参加县（市、区）级以上信息化项目展示、获奖。',
              label: 'Students exhibit or win in county-or-higher IT projects during the creation period',
              requiredAt: [{ level: 'v2' }],
            },
          ],
        },
      ],
    },
    {
      id: '体制保障',
      number: null,
      name: '体制保障',
      label: 'Institutional support',
      groups: [
        {
          id: '组织保障',
          number: null,
          name: '组织保障',
          label: 'Organisation',
          items: [
            {
              id: '25',
              number: '25',
              text: '实行首席信息官制度，并建有由校长（首席信息官）、分管校长和信息化负责人组成的CIO微团队，有专项创建经费，制定计划规划，推进项目研究。',
              label: 'CIO system with a CIO micro-team, dedicated funds, plans and project research',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
            {
              id: '26',
              number: '26',
              text: '重视信息化队伍建设，信息化队伍能支撑学校智慧校园建设。有专（兼）职的网管人员，有教育部门或相关行业颁发的网络安全管理上岗资质证的人员。',
              label: 'An IT team with network administrators and certified cybersecurity staff',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
          ],
        },
        {
          id: '网络安全',
          number: null,
          name: '网络安全',
          label: 'Cybersecurity',
          items: [
            {
              id: '27',
              number: '27',
              text: '有网络安全应急预案、舆情处置预案等完善的网络安全管理制度；能对网络入侵、计算机病毒等网络安全风险进行有效的防护，能记录上网行为，能查询到最近至少6个月的网络安全日志；能落实信息系统网络安全等级保护制度。无重大网络安全事件。',
              label: 'Cybersecurity rules and plans, protection, ≥ 6 months of logs, MLPS; no major incident',
              requiredAt: [{ level: 'standard' }, { level: 'v2' }],
            },
          ],
        },
      ],
    },
    {
      id: '特色项目',
      number: null,
      name: '特色项目',
      label: 'Featured projects',
      groups: [
        {
          id: '特色应用',
          number: null,
          name: '特色应用',
          label: 'Featured applications',
          items: [
            {
              id: '28',
              number: '28',
              text: '结合学校办学特色，自主探索智慧校园建设应用模式，取得明显成效。',
              label: 'Featured smart-campus application model with clear results',
              requiredAt: [],
              acceptance: '提交案例材料、听取汇报',
            },
          ],
        },
      ],
    },
  ],
  note: '说明 2: ▲ = 必备指标 (达标校16项，2.0学校22项); every school also completes at least one other indicator. 说明 1 says 二级指标15项, but the table names 16 second-level indicators (网络基础 … 特色应用); the table is encoded as printed. 验收方式 is filled for 12 of the 28 rows only (blank cells, possibly merged in the original, are left empty).',
};
