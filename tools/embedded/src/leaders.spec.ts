import { createHash } from 'node:crypto';
import {
  actorsOf,
  assessmentUrlBeside,
  attestCall,
  attestedItems,
  attestLeaders,
  clientSecretOf,
  documentFor,
  grantCall,
  grantedHistory,
  historyReplayed,
  leaderClients,
  leaderSchools,
  LEADER_MATURITY,
  LEADER_STANDARD,
  LEADER_STANDARDS,
  pdfDocument,
  planItem,
  reviewCall,
  reviewerFor,
  uploadCall,
  type ChainLevelView,
  type SheetRowView,
} from './leaders';
import { province, settingsEnv, simulationSettings } from './simulation';

// Ningxia's review chain and a few sheet rows as the assessment answers them (this tool may not
// import the assessment's libs: it asks the running service).
const CHAIN: ChainLevelView[] = [
  { id: 'district', name: '教育局（各地认定）', roles: ['district_officer', 'city_officer'] },
  { id: 'region', name: '自治区教育厅（自治区认定）', roles: ['province_officer'] },
];
const ROWS: SheetRowView[] = [
  { itemId: '17', number: '17', basis: 'derived', label: 'Micro-lessons covering a quarter of the knowledge points', maxPoints: 3 },
  { itemId: '18', number: '18', basis: 'attested', label: 'Rules for co-building and reviewing cloud resources, with incentives and results', maxPoints: 2 },
  { itemId: '43', number: '43', basis: 'attested', label: 'Innovative education-cloud applications with typical cases promoted in the region', maxPoints: 3 },
  { itemId: '54', number: '54', basis: 'derived', label: 'IT leading group', maxPoints: 2 },
  {
    itemId: '55',
    number: '55',
    basis: 'derived+attested',
    label: 'IT plan, rules, regular meetings and IT work in yearly appraisal with incentives',
    maxPoints: 2,
  },
];
// Wenzhou's chain (county review, city acceptance) and its documentary rows: 12 and 28 attested, ▲25 and ▲27 derived+attested
const WZ_CHAIN: ChainLevelView[] = [
  { id: 'county', name: '县（市、区）教育行政部门（县级初评）', roles: ['district_officer'] },
  { id: 'city', name: '温州市教育局（市级验收）', roles: ['city_officer'] },
];
const WZ_ROWS: SheetRowView[] = [
  { itemId: '11', number: '11', basis: 'derived', label: 'Teaching and research on the learning space' },
  { itemId: '12', number: '12', basis: 'attested', label: 'A school "digital cockpit" serving early warning and decisions' },
  { itemId: '25', number: '25', basis: 'derived+attested', label: 'CIO system with a CIO micro-team, dedicated funds, plans and project research' },
  { itemId: '27', number: '27', basis: 'derived+attested', label: 'Cybersecurity rules and plans, protection, ≥ 6 months of logs, MLPS; no major incident' },
  { itemId: '28', number: '28', basis: 'attested', label: 'Featured smart-campus application model with clear results' },
];
const SCHOOL = { code: '3307820007', name: '金华市义乌市学军实验学校', regionCode: '330782', cityCode: '330700' };

describe('the leader schools', () => {
  it("are npm start's few most mature schools, in the leaders' band and without a quirk, the same every time", () => {
    const p = province(simulationSettings({}));
    const leaders = leaderSchools(p);
    expect(leaders.map((s) => [s.code, s.maturity])).toEqual([
      ['3307820007', 0.971],
      ['3301020004', 0.943],
      ['3306020001', 0.934],
    ]);
    expect(leaderSchools(province(simulationSettings({}))).map((s) => s.code)).toEqual(leaders.map((s) => s.code));
    const next = p.schools.filter((s) => !leaders.includes(s)).reduce((m, s) => Math.max(m, s.maturity ?? 0), 0);
    expect(next).toBeLessThan(LEADER_MATURITY);
  });

  it('are none without the spread or below its band, at most three, and never a school with a quirk', () => {
    expect(leaderSchools(province(simulationSettings({ EDUCUBE_SIM_MATURITY: 'off' })))).toEqual([]);
    expect(leaderSchools(province(simulationSettings({ EDUCUBE_SIM_MATURITY: '0.9' })))).toEqual([]);
    const all = province(simulationSettings({ EDUCUBE_SIM_MATURITY: '1' }));
    const quirky = new Set([...(all.quirks?.silent ?? []), ...(all.quirks?.badSenders ?? [])].map((q) => q.schoolCode));
    const leaders = leaderSchools(all).map((s) => s.code);
    expect(leaders).toHaveLength(3);
    // every school ties at 1: the lowest codes without a quirk
    expect(leaders).toEqual(
      all.schools
        .map((s) => s.code)
        .filter((c) => !quirky.has(c))
        .sort()
        .slice(0, 3),
    );
  });

  it('is switched by EDUCUBE_SIM_LEADERS (on by default), which survives the trip through the environment', () => {
    expect(simulationSettings({}).leaders).toBe(true);
    for (const v of ['off', 'OFF', '0', 'false', 'no']) expect(simulationSettings({ EDUCUBE_SIM_LEADERS: v }).leaders).toBe(false);
    const off = simulationSettings({ EDUCUBE_SIM_LEADERS: 'off' });
    expect(simulationSettings(settingsEnv(off))).toEqual(off);
    expect(leaderClients(off, 'run-1')).toEqual([]);
    expect(leaderClients(simulationSettings({ EDUCUBE_SIM: 'off' }), 'run-1')).toEqual([]);
  });
});

describe("the leaders' clients at the issuer", () => {
  it("are each leader's CIO and the officers over it, with their role and scope claims, once each, for the assessment", () => {
    const clients = leaderClients(simulationSettings({}), 'run-1');
    expect(clients.map((c) => [c.clientId, c.realmRoles, c.claims])).toEqual([
      ['sim-cio-3307820007', ['cio'], { school_codes: ['3307820007'] }],
      ['sim-district-officer-330782', ['district_officer'], { region_code: '330782' }],
      ['sim-city-officer-330700', ['city_officer'], { region_code: '330700' }],
      ['sim-province-officer-330000', ['province_officer'], { region_code: '330000' }],
      ['sim-cio-3301020004', ['cio'], { school_codes: ['3301020004'] }],
      ['sim-district-officer-330102', ['district_officer'], { region_code: '330102' }],
      ['sim-city-officer-330100', ['city_officer'], { region_code: '330100' }],
      ['sim-cio-3306020001', ['cio'], { school_codes: ['3306020001'] }],
      ['sim-district-officer-330602', ['district_officer'], { region_code: '330602' }],
      ['sim-city-officer-330600', ['city_officer'], { region_code: '330600' }],
    ]);
    expect(clients.every((c) => c.kind === 'service' && c.audiences.join() === 'educube-assessment')).toBe(true);
    expect(clients[0]?.clientSecret).toBe(clientSecretOf('run-1', 'sim-cio-3307820007'));
    expect(leaderClients(simulationSettings({}), 'run-2')[0]?.clientSecret).not.toBe(clients[0]?.clientSecret);
  });

  it("cover every level of each leader standard's chain: Ningxia's district and region, Wenzhou's county and city", () => {
    expect(LEADER_STANDARDS).toEqual(['ningxia', 'wenzhou']);
    expect(LEADER_STANDARD).toBe('ningxia and wenzhou');
    const held = new Set(leaderClients(simulationSettings({}), 'run-1').map((c) => c.clientId));
    for (const leader of leaderSchools(province(simulationSettings({})))) {
      for (const level of [...CHAIN, ...WZ_CHAIN]) expect(held.has(reviewerFor(level, leader).clientId)).toBe(true);
    }
    expect(reviewerFor(WZ_CHAIN[0]!, SCHOOL).clientId).toBe('sim-district-officer-330782');
    expect(reviewerFor(WZ_CHAIN[1]!, SCHOOL).clientId).toBe('sim-city-officer-330700');
  });

  it('review each level as the first of its roles they hold: the district officer for 教育局, the province officer for 自治区教育厅', () => {
    expect(reviewerFor(CHAIN[0]!, SCHOOL)).toEqual({ clientId: 'sim-district-officer-330782', role: 'district_officer', code: '330782' });
    expect(reviewerFor(CHAIN[1]!, SCHOOL)).toEqual({ clientId: 'sim-province-officer-330000', role: 'province_officer', code: '330000' });
    expect(reviewerFor({ id: 'city', name: 'x', roles: ['city_officer'] }, SCHOOL).clientId).toBe('sim-city-officer-330700');
    expect(() => reviewerFor({ id: 'x', name: 'x', roles: ['principal'] }, SCHOOL)).toThrow(/none of which/);
    expect(actorsOf(SCHOOL).cio).toEqual({ clientId: 'sim-cio-3307820007', role: 'cio', code: '3307820007' });
  });
});

describe('what is attested, and the requests', () => {
  it("attests the sheet's attested and derived+attested rows only, and plans from where each review stands", () => {
    expect(attestedItems(ROWS).map((r) => r.itemId)).toEqual(['18', '43', '55']);
    expect(attestedItems(WZ_ROWS).map((r) => r.itemId)).toEqual(['12', '25', '27', '28']);
    expect(planItem('18', CHAIN, undefined)).toEqual({ itemId: '18', submit: true, levels: CHAIN });
    expect(planItem('18', CHAIN, { itemId: '18', attestationId: 'a1', reviews: {} })).toEqual({
      itemId: '18',
      submit: false,
      attestationId: 'a1',
      levels: CHAIN,
    });
    expect(planItem('18', CHAIN, { itemId: '18', attestationId: 'a1', reviews: { district: { decision: 'accepted' } } })).toEqual({
      itemId: '18',
      submit: false,
      attestationId: 'a1',
      levels: [CHAIN[1]],
    });
    expect(
      planItem('18', CHAIN, { itemId: '18', attestationId: 'a1', reviews: { district: { decision: 'accepted' }, region: { decision: 'accepted' } } }).levels,
    ).toEqual([]);
    expect(planItem('18', CHAIN, { itemId: '18', attestationId: 'a1', reviews: { district: { decision: 'rejected' } } })).toEqual({
      itemId: '18',
      submit: true,
      levels: CHAIN,
    });
  });

  it('builds one small real PDF per item, named after it, the same bytes every time', () => {
    const doc = documentFor(SCHOOL, 'ningxia', ROWS[1]!);
    expect(doc.name).toBe('宁夏-第18项-资源共建审核制度.pdf');
    expect(documentFor(SCHOOL, 'ningxia', ROWS[2]!).name).toBe('宁夏-第43项-创新应用方案与典型案例.pdf');
    expect(documentFor(SCHOOL, 'ningxia', { ...ROWS[1]!, itemId: '99', number: '99' }).name).toBe('宁夏-第99项-证明材料.pdf');
    expect(WZ_ROWS.slice(1).map((r) => documentFor(SCHOOL, 'wenzhou', r).name)).toEqual([
      '温州-第12项-数字驾驶舱建设与应用说明.pdf',
      '温州-第25项-专项创建经费与计划规划.pdf',
      '温州-第27项-网络安全应急预案与舆情处置预案.pdf',
      '温州-第28项-特色应用模式与成效总结.pdf',
    ]);
    // the same item number of another standard is another document
    expect(documentFor(SCHOOL, 'wenzhou', { ...ROWS[1]!, itemId: '28', number: '28' }).name).not.toBe(
      documentFor(SCHOOL, 'ningxia', { ...ROWS[1]!, itemId: '28', number: '28' }).name,
    );
    expect(doc.sha256).toBe(createHash('sha256').update(doc.bytes).digest('hex'));
    expect(documentFor(SCHOOL, 'ningxia', ROWS[1]!).bytes.equals(doc.bytes)).toBe(true);
    expect(doc.bytes.length).toBeLessThan(2_000);
    const text = doc.bytes.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('(Standard: ningxia, item 18) Tj');
    // the xref table points at each object, and startxref at the table
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(6);
    offsets.forEach((o, i) => expect(text.slice(o).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
    const stream = text.slice(text.indexOf('stream\n') + 7, text.indexOf('\nendstream'));
    expect(Buffer.byteLength(stream, 'latin1')).toBe(length);
    // the title is UTF-16BE, so a viewer shows the Chinese name; the visible text is escaped ASCII
    expect(text).toContain(`/Title <FEFF${Buffer.from('金', 'utf16le').swap16().toString('hex').toUpperCase()}`);
    expect(pdfDocument('t', ['a (b) \\ 中']).toString('latin1')).toContain('(a \\(b\\) \\\\ ?) Tj');
  });

  it('uploads the file as itself, attests with what the upload answered, and accepts with the full points at each level', () => {
    const doc = documentFor(SCHOOL, 'ningxia', ROWS[1]!);
    expect(uploadCall(SCHOOL.code, doc)).toEqual({
      method: 'POST',
      path: `/v1/schools/3307820007/documents?name=${encodeURIComponent('宁夏-第18项-资源共建审核制度.pdf')}`,
      contentType: 'application/pdf',
      body: doc.bytes,
    });
    const ref = { name: doc.name, mediaType: doc.mediaType, bytes: doc.bytes.length, sha256: doc.sha256 };
    const attest = attestCall(SCHOOL, 'ningxia', ROWS[1]!, ref);
    expect(attest).toMatchObject({
      method: 'POST',
      path: '/v1/schools/3307820007/standards/ningxia/items/18/attestations',
      contentType: 'application/json',
      body: { documents: [ref] },
    });
    expect((attest.body as { statement: string }).statement).toBe(
      '金华市义乌市学军实验学校就宁夏第18项（Rules for co-building and reviewing cloud resources, with incentives and results）提交证明材料《宁夏-第18项-资源共建审核制度.pdf》。（EduCube 模拟省份的示例材料）',
    );
    const review = reviewCall(SCHOOL.code, 'ningxia', '18', 'a1', CHAIN[0]!);
    expect(review).toEqual({
      method: 'POST',
      path: '/v1/schools/3307820007/standards/ningxia/items/18/reviews',
      contentType: 'application/json',
      body: { attestationId: 'a1', level: 'district', decision: 'accepted', comment: '教育局（各地认定）：材料齐全，同意（模拟审核）' },
    });
    expect(review.body).not.toHaveProperty('points');
  });
});

describe('the ratings granted before the hub (宁夏 第十四条 reads them)', () => {
  const p = province(simulationSettings({}));
  const leaders = leaderSchools(p);
  const history = grantedHistory(p, 2026, leaders);

  it("gives the first leader's district's established schools 二星级 in each of the two years before, and the leaders 3 then 4 stars", () => {
    const district = leaders[0]?.regionCode;
    const established = p.schools.filter((s) => s.regionCode === district && (s.maturity ?? 0) >= 0.72 && (s.maturity ?? 0) <= 0.92).map((s) => s.code);
    expect(established.length).toBeGreaterThan(0);
    for (const code of established)
      expect(history.filter((g) => g.school === code)).toEqual([
        { school: code, year: 2024, stars: 2 },
        { school: code, year: 2025, stars: 2 },
      ]);
    expect(history.filter((g) => g.school === leaders[0]?.code).map((g) => [g.year, g.stars])).toEqual([
      [2024, 3],
      [2025, 4],
    ]);
    // never a rating 第十条 does not have, never the year being ruled on
    expect(history.every((g) => [0, 2, 3, 4, 5].includes(g.stars) && g.year < 2026)).toBe(true);
    expect(grantedHistory(p, 2026, [])).toEqual([]);
  });

  it('records each as the province officer, by PUT, before the leaders attest', async () => {
    const calls: string[] = [];
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      const u = new URL(String(url));
      if (u.pathname === '/token')
        return new Response(JSON.stringify({ access_token: `token-of-${new URLSearchParams(String(init?.body)).get('client_id')}` }), { status: 200 });
      calls.push(
        `${String((init?.headers as Record<string, string>)['authorization']).replace('Bearer token-of-', '')} ${init?.method ?? 'GET'} ${u.pathname} ${String(init?.body ?? '')}`,
      );
      return new Response(JSON.stringify({}), { status: 200 });
    }) as typeof fetch;
    const one = { school: leaders[0]!.code, year: 2025, stars: 4 };
    await attestLeaders({
      assessmentUrl: 'http://assessment.test',
      issuerUrl: 'http://issuer.test',
      runSecret: 'run',
      schools: [leaders[0]!],
      standards: [],
      granted: [one],
      fetch: fake,
    });
    expect(calls).toEqual([`sim-province-officer-330000 PUT /v1/schools/${one.school}/ningxia/ratings/2025 ${JSON.stringify(grantCall(one).body)}`]);
  });
});

describe('when, and where', () => {
  it('starts once the next event of the stream is ahead of the clock, or the stream has ended', () => {
    const now = Date.parse('2026-12-07T10:00:00+08:00');
    expect(historyReplayed(undefined, now, false)).toBe(false);
    expect(historyReplayed('2026-12-04T00:00:00+08:00', now, false)).toBe(false);
    expect(historyReplayed('2026-12-07T10:00:00+08:00', now, false)).toBe(false);
    expect(historyReplayed('2026-12-07T10:00:30+08:00', now, false)).toBe(true);
    expect(historyReplayed(undefined, now, true)).toBe(true);
  });

  it('finds the assessment two ports above identity, as launch.ts lays them out', () => {
    expect(assessmentUrlBeside('http://127.0.0.1:46101')).toBe('http://127.0.0.1:46103');
    expect(assessmentUrlBeside('http://127.0.0.1:3001/')).toBe('http://127.0.0.1:3003');
  });
});

describe('the run, against a fake issuer and assessment', () => {
  it("attests every attested item of Ningxia, then of Wenzhou, as the CIO, has each level of that standard's chain accept it as its officer, and repeats nothing on a second run", async () => {
    const leader = leaderSchools(province(simulationSettings({})))[0]!;
    const calls: string[] = [];
    // per standard and item: the current attestation and its reviews
    const state = new Map<string, { attestationId: string; reviews: Record<string, { decision: string }> }>();
    let n = 0;
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      const u = new URL(String(url));
      if (u.pathname === '/token') {
        const form = new URLSearchParams(String(init?.body));
        const id = form.get('client_id') ?? '';
        if (form.get('client_secret') !== clientSecretOf('run', id)) return json({ error: 'invalid_client' }, 401);
        return json({ access_token: `token-of-${id}`, expires_in: 300 });
      }
      const who = String((init?.headers as Record<string, string>)['authorization']).replace('Bearer token-of-', '');
      const method = init?.method ?? 'GET';
      calls.push(`${who} ${method} ${u.pathname}${u.searchParams.has('column') ? `?column=${u.searchParams.get('column')}` : ''}`);
      const standard = /standards\/([^/]+)\//.exec(u.pathname)?.[1] ?? '';
      const item = /items\/([^/]+)\//.exec(u.pathname)?.[1] ?? '';
      const wz = standard === 'wenzhou';
      if (u.pathname.endsWith('/sheet'))
        return json(
          wz
            ? { rows: WZ_ROWS, verdict: { kind: 'levels', level: 'v2', passed: true } }
            : { rows: ROWS, verdict: { total: 97, stars: 5, starsByScore: 5, unmetVeto: [] } },
        );
      if (u.pathname.endsWith('/reviews') && method === 'GET') {
        const items = [...state].filter(([k]) => k.startsWith(`${standard}/`)).map(([k, a]) => ({ itemId: k.split('/')[1], ...a }));
        return json({ chain: wz ? WZ_CHAIN : CHAIN, items });
      }
      if (u.pathname.endsWith('/documents'))
        return json({ name: u.searchParams.get('name'), mediaType: 'application/pdf', bytes: (init?.body as Uint8Array).length, sha256: 'f'.repeat(64) }, 201);
      if (u.pathname.endsWith('/attestations')) {
        state.set(`${standard}/${item}`, { attestationId: `a${++n}`, reviews: {} });
        return json({ attestationId: `a${n}` }, 201);
      }
      const body = JSON.parse(String(init?.body)) as { level: string; decision: string };
      const chain = (wz ? WZ_CHAIN : CHAIN).map((l) => l.id);
      if (!chain.includes(body.level)) return json({ error: `${body.level} is not in ${standard}'s chain` }, 422);
      state.get(`${standard}/${item}`)!.reviews[body.level] = { decision: body.decision };
      return json({ events: [] }, 201);
    }) as typeof fetch;

    const options = { assessmentUrl: 'http://assessment.test', issuerUrl: 'http://issuer.test', runSecret: 'run', schools: [leader], fetch: fake };
    const outcomes = await attestLeaders(options);
    const base = '/v1/schools/3307820007/standards';
    expect(calls).toEqual([
      `sim-cio-3307820007 GET ${base}/ningxia/sheet?column=self`,
      `sim-cio-3307820007 GET ${base}/ningxia/reviews`,
      ...['18', '43', '55'].flatMap((i) => [
        'sim-cio-3307820007 POST /v1/schools/3307820007/documents',
        `sim-cio-3307820007 POST ${base}/ningxia/items/${i}/attestations`,
        `sim-district-officer-330782 POST ${base}/ningxia/items/${i}/reviews`,
        `sim-province-officer-330000 POST ${base}/ningxia/items/${i}/reviews`,
      ]),
      `sim-cio-3307820007 GET ${base}/ningxia/sheet`,
      `sim-cio-3307820007 GET ${base}/wenzhou/sheet?column=self`,
      `sim-cio-3307820007 GET ${base}/wenzhou/reviews`,
      ...['12', '25', '27', '28'].flatMap((i) => [
        'sim-cio-3307820007 POST /v1/schools/3307820007/documents',
        `sim-cio-3307820007 POST ${base}/wenzhou/items/${i}/attestations`,
        `sim-district-officer-330782 POST ${base}/wenzhou/items/${i}/reviews`,
        `sim-city-officer-330700 POST ${base}/wenzhou/items/${i}/reviews`,
      ]),
      `sim-cio-3307820007 GET ${base}/wenzhou/sheet`,
    ]);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({
      school: '3307820007',
      standard: 'ningxia',
      items: [
        { itemId: '18', submitted: true, accepted: ['district', 'region'] },
        { itemId: '43', submitted: true },
        { itemId: '55', submitted: true, accepted: ['district', 'region'] },
      ],
      verdict: { total: 97, stars: 5 },
    });
    expect(outcomes[1]).toMatchObject({ school: '3307820007', standard: 'wenzhou', verdict: { level: 'v2', passed: true } });
    expect(outcomes[1]?.items.map((i) => [i.itemId, i.document, i.accepted])).toEqual([
      ['12', '温州-第12项-数字驾驶舱建设与应用说明.pdf', ['county', 'city']],
      ['25', '温州-第25项-专项创建经费与计划规划.pdf', ['county', 'city']],
      ['27', '温州-第27项-网络安全应急预案与舆情处置预案.pdf', ['county', 'city']],
      ['28', '温州-第28项-特色应用模式与成效总结.pdf', ['county', 'city']],
    ]);

    calls.length = 0;
    const second = await attestLeaders(options);
    expect(calls.filter((c) => c.includes('POST'))).toEqual([]);
    expect(second.map((o) => [o.standard, o.items.map((i) => [i.itemId, i.submitted, i.accepted])])).toEqual([
      [
        'ningxia',
        [
          ['18', false, []],
          ['43', false, []],
          ['55', false, []],
        ],
      ],
      [
        'wenzhou',
        [
          ['12', false, []],
          ['25', false, []],
          ['27', false, []],
          ['28', false, []],
        ],
      ],
    ]);

    // one standard only, when asked
    calls.length = 0;
    expect((await attestLeaders({ ...options, standard: 'wenzhou' })).map((o) => o.standard)).toEqual(['wenzhou']);
    expect(calls.every((c) => !c.includes('/ningxia/'))).toBe(true);

    await expect(attestLeaders({ ...options, runSecret: 'another run' })).rejects.toThrow(/refused a token to sim-cio-3307820007/);
  });
});
