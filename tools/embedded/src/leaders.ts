/**
 * The simulated province's leader schools and their documentary items of Ningxia and Wenzhou
 * (EDUCUBE_SIM_LEADERS).
 *
 * Events alone take a school to about 82 of Ningxia's points: the standard's attested items
 * (18, 28, 33, ★43, 44, 47, 49, 50, 56, 57, 58, 60: about 16 points) are documents a school
 * attests and officers review, which no event can meet, and item 55 (derived+attested: its
 * meetings are events, its plan, rules and appraisal documents) needs an attestation too.
 * Wenzhou's ▲25 (专项创建经费, 计划规划) and ▲27 (应急预案, 舆情处置预案) are derived+attested and
 * 12 (数字驾驶舱) and 28 (特色应用) attested, so without attestations no school is a 达标校. So
 * once the feeder has replayed the history, the few most mature schools do what a real leader
 * school does: for each standard of `LEADER_STANDARDS` and each of its attested items the CIO
 * uploads a document and attests the item, and every level of that standard's review chain
 * (Ningxia: district → region; Wenzhou: county → city) accepts it — all through the
 * assessment's HTTP API, nothing written to a store.
 *
 * Who acts: person-like clients of the embedded issuer (client credentials, like the registry
 * loader's `educube-registry`), registered by issuer.ts with secrets derived from the run's
 * secret, as the school systems' are: `sim-cio-<school>` (role cio, the school's code), and per
 * leader `sim-district-officer-<district>`, `sim-city-officer-<city>` and
 * `sim-province-officer-<province>` (their region codes). Their tokens are for the assessment.
 *
 * What the standard is, is asked of the running assessment: the attested items are the sheet's
 * rows of basis `attested` or `derived+attested`, the levels and their roles are the chain its review endpoint
 * answers. This tool may not import the assessment's libs (scope:shared), and should not have
 * to: the service is the authority.
 *
 * Not done here: Ningxia item 17 is derived, so it is not attested; the simulated schools meet
 * it from events (each subject's knowledge points are reported by SubjectKnowledgePointsReported
 * and a quarter of them covered by 微课). With the attested items accepted and ★23/★48 compared
 * with the 全区 figures (the assessment places schools by identity's tree), the leaders reach
 * five stars in `npm start`; with Wenzhou's four accepted, a 2.0学校 (every ▲ of 达标校 and 2.0 met;
 * libs/simulator/README.md has the figures).
 */
import { createHmac } from 'node:crypto';
import { sha256Hex } from '@educube/canonical-json';
import type { ServiceClient } from '@educube/embedded-issuer';
import { MATURITY_SPREAD, type Province, type SimSchool } from '@educube/simulator';
import { province as buildProvince, type SimulationSettings } from './simulation';

/** The standards whose documentary (attested and derived+attested) items the leaders attest, in this order. */
export const LEADER_STANDARDS = ['ningxia', 'wenzhou'] as const;
/** The leaders' standards as a log line names them ('ningxia and wenzhou'); the ids are `LEADER_STANDARDS`. */
export const LEADER_STANDARD = LEADER_STANDARDS.join(' and ');
/** At most this many leaders: "a few" showcase schools, not a province of them. */
export const LEADERS_AT_MOST = 3;
/** The simulator's leaders' band (MATURITY_SPREAD's first band, 0.93–1). */
export const LEADER_MATURITY = MATURITY_SPREAD[0].from;
/** The audience of the acting clients' tokens. */
export const ASSESSMENT_AUDIENCE = 'educube-assessment';

/**
 * The leader schools: in the simulator's leaders' band, without a quirk (a silent source or a
 * bad sender would cost it the derived points a showcase needs), the most mature first, ties by
 * code; at most `atMost`. Deterministic: the province is.
 */
export function leaderSchools(p: Province, atMost = LEADERS_AT_MOST): SimSchool[] {
  const quirky = new Set([...(p.quirks?.silent ?? []), ...(p.quirks?.badSenders ?? [])].map((q) => q.schoolCode));
  return p.schools
    .filter((s) => s.maturity !== undefined && s.maturity >= LEADER_MATURITY && !quirky.has(s.code))
    .sort((a, b) => (b.maturity ?? 0) - (a.maturity ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, atMost);
}

// ---- who acts ----

export type ActingRole = 'cio' | 'district_officer' | 'city_officer' | 'province_officer';

export interface Acting {
  readonly clientId: string;
  readonly role: ActingRole;
  /** the school's code (cio) or the officer's region code */
  readonly code: string;
}

const provinceOf = (regionCode: string): string => `${regionCode.slice(0, 2)}0000`;

/** The school's CIO and the officers over it (district, city, province), as clients of the issuer. */
export function actorsOf(school: Pick<SimSchool, 'code' | 'regionCode' | 'cityCode'>): Record<ActingRole, Acting> {
  return {
    cio: { clientId: `sim-cio-${school.code}`, role: 'cio', code: school.code },
    district_officer: { clientId: `sim-district-officer-${school.regionCode}`, role: 'district_officer', code: school.regionCode },
    city_officer: { clientId: `sim-city-officer-${school.cityCode}`, role: 'city_officer', code: school.cityCode },
    province_officer: { clientId: `sim-province-officer-${provinceOf(school.regionCode)}`, role: 'province_officer', code: provinceOf(school.regionCode) },
  };
}

/** A client's secret: only the run's secret reproduces it (the issuer and the feeder both hold it). */
export const clientSecretOf = (runSecret: string, clientId: string): string => createHmac('sha256', runSecret).update(clientId).digest('base64url');

/** The issuer's clients for the leaders' CIOs and the officers over them (DEV ONLY); none when leaders are off. */
export function leaderClients(s: SimulationSettings, runSecret: string): ServiceClient[] {
  if (!s.enabled || !s.leaders) return [];
  const byId = new Map<string, ServiceClient>();
  for (const school of leaderSchools(buildProvince(s))) {
    for (const a of Object.values(actorsOf(school))) {
      const claims = a.role === 'cio' ? { school_codes: [a.code] } : { region_code: a.code };
      byId.set(a.clientId, {
        kind: 'service',
        clientId: a.clientId,
        clientSecret: clientSecretOf(runSecret, a.clientId),
        audiences: [ASSESSMENT_AUDIENCE],
        realmRoles: [a.role],
        claims,
      });
    }
  }
  return [...byId.values()];
}

// ---- what the assessment answers (the parts used here) ----

/** A row of GET /v1/schools/:code/standards/:standard/sheet. */
export interface SheetRowView {
  readonly itemId: string;
  readonly number: string | null;
  readonly basis: string;
  readonly label: string;
  readonly maxPoints?: number | null;
}

/** A level of the chain GET …/reviews answers. */
export interface ChainLevelView {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** An item of GET …/reviews: its current attestation and each level's decision on it. */
export interface ReviewItemView {
  readonly itemId: string;
  readonly attestationId: string;
  readonly reviews?: Readonly<Record<string, { readonly decision: string } | undefined>>;
}

/** The items a school attests: the sheet's rows of basis `attested` or `derived+attested`, in the sheet's order. */
export const attestedItems = (rows: readonly SheetRowView[]): SheetRowView[] => rows.filter((r) => r.basis === 'attested' || r.basis === 'derived+attested');

export interface ItemPlan {
  readonly itemId: string;
  /** a new attestation is needed: none yet, or a level rejected the current one */
  readonly submit: boolean;
  /** the current attestation, when it goes on */
  readonly attestationId?: string;
  /** the levels still to accept, in the chain's order */
  readonly levels: readonly ChainLevelView[];
}

/**
 * What is left to do for one item, from where its review stands: nothing once every level has
 * accepted; the remaining levels when some have; a new attestation when there is none or a
 * level rejected the current one. So a second run (a restart of the feeder) repeats nothing.
 */
export function planItem(itemId: string, chain: readonly ChainLevelView[], current: ReviewItemView | undefined): ItemPlan {
  const reviews = current?.reviews ?? {};
  if (!current || Object.values(reviews).some((r) => r?.decision === 'rejected')) return { itemId, submit: true, levels: chain };
  const first = chain.findIndex((l) => reviews[l.id]?.decision !== 'accepted');
  return { itemId, submit: false, attestationId: current.attestationId, levels: first < 0 ? [] : chain.slice(first) };
}

/** Who accepts at a level: the first of its roles the leaders' clients hold (Ningxia's district level: the district officer). */
export function reviewerFor(level: ChainLevelView, school: Pick<SimSchool, 'code' | 'regionCode' | 'cityCode'>): Acting {
  const actors = actorsOf(school);
  const role = level.roles.find((r): r is Exclude<ActingRole, 'cio'> => r === 'district_officer' || r === 'city_officer' || r === 'province_officer');
  if (!role) throw new Error(`level ${level.id} is reviewed by ${level.roles.join(' or ')}, none of which the simulated officers hold`);
  return actors[role];
}

// ---- the documents ----

/** What each attested item's document is, by standard and item number (the file's name says it). */
const DOCUMENT_KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ningxia: {
    '18': '资源共建审核制度',
    '28': '人机协同教学案例',
    '33': '学生数字档案评价方案',
    '43': '创新应用方案与典型案例',
    '44': '学生信息素养测评结果',
    '47': '学生学业跟踪监测报告',
    '49': '教学设计与课堂实录',
    '50': '教师专业能力跟踪报告',
    '55': '信息化规划与规章制度',
    '56': '信息化经费年度预算',
    '57': '信息化队伍培训计划',
    '58': '社会合作服务合同',
    '60': '互联网+教育研究团队总结',
  },
  wenzhou: {
    '12': '数字驾驶舱建设与应用说明',
    '25': '专项创建经费与计划规划',
    '27': '网络安全应急预案与舆情处置预案',
    '28': '特色应用模式与成效总结',
  },
};

/** A standard's name in a file name. */
const STANDARD_NAMES: Readonly<Record<string, string>> = { ningxia: '宁夏', wenzhou: '温州' };

/**
 * A small, real one-page PDF (catalog, page, Helvetica, a content stream, a correct xref table)
 * with the given ASCII lines, and a title in the document information (UTF-16, so Chinese
 * shows). Deterministic: the same lines give the same bytes, so an upload repeats harmlessly.
 */
export function pdfDocument(title: string, lines: readonly string[]): Buffer {
  const text = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const content = lines.map((l, i) => `BT /F1 11 Tf 56 ${780 - i * 18} Td (${text(l)}) Tj ET`).join('\n');
  const utf16 = Buffer.from(title, 'utf16le');
  for (let i = 0; i + 1 < utf16.length; i += 2) [utf16[i], utf16[i + 1]] = [utf16[i + 1] as number, utf16[i] as number];
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title <FEFF${utf16.toString('hex').toUpperCase()}> /Producer (EduCube Hub simulated province) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface LeaderDocument {
  /** e.g. 宁夏-第18项-资源共建审核制度.pdf */
  readonly name: string;
  readonly mediaType: 'application/pdf';
  readonly bytes: Buffer;
  readonly sha256: string;
}

/** The one document a leader uploads for an attested item, named after the item. */
export function documentFor(school: Pick<SimSchool, 'code' | 'name'>, standard: string, row: SheetRowView): LeaderDocument {
  const n = row.number ?? row.itemId;
  const kind = DOCUMENT_KINDS[standard]?.[n];
  const name = `${STANDARD_NAMES[standard] ?? standard}-第${n}项-${kind ?? '证明材料'}.pdf`;
  const bytes = pdfDocument(`${school.name} ${name.replace(/\.pdf$/, '')}`, [
    'EduCube Hub - simulated evidence (a document of a simulated school, not a real one)',
    `Standard: ${standard}, item ${n}`,
    `Item: ${row.label}`,
    `School: ${school.code}`,
    `Document: ${standard} item ${n} (${kind ? 'see the title' : 'evidence'})`,
  ]);
  return { name, mediaType: 'application/pdf', bytes, sha256: sha256Hex(bytes) };
}

// ---- the requests ----

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly contentType?: string;
  /** JSON (an object) or the raw bytes of a file */
  readonly body?: Buffer | Record<string, unknown>;
}

const itemPath = (school: string, standard: string, itemId: string) => `/v1/schools/${school}/standards/${standard}/items/${encodeURIComponent(itemId)}`;

export const sheetCall = (school: string, standard: string, column?: string): HttpCall => ({
  method: 'GET',
  path: `/v1/schools/${school}/standards/${standard}/sheet${column ? `?column=${encodeURIComponent(column)}` : ''}`,
});
export const reviewsCall = (school: string, standard: string): HttpCall => ({ method: 'GET', path: `/v1/schools/${school}/standards/${standard}/reviews` });

/** POST /v1/schools/:code/documents?name=…: the file itself as the body, with its media type. */
export const uploadCall = (school: string, doc: LeaderDocument): HttpCall => ({
  method: 'POST',
  path: `/v1/schools/${school}/documents?name=${encodeURIComponent(doc.name)}`,
  contentType: doc.mediaType,
  body: doc.bytes,
});

/** The document reference an attestation cites: what the upload answered. */
export interface DocumentRef {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** SubmitAttestation, as the school's CIO: POST …/items/:itemId/attestations. */
export function attestCall(school: Pick<SimSchool, 'code' | 'name'>, standard: string, row: SheetRowView, doc: DocumentRef): HttpCall {
  const statement = `${school.name}就${STANDARD_NAMES[standard] ?? standard}第${row.number ?? row.itemId}项（${row.label}）提交证明材料《${doc.name}》。（EduCube 模拟省份的示例材料）`;
  return {
    method: 'POST',
    path: `${itemPath(school.code, standard, row.itemId)}/attestations`,
    contentType: 'application/json',
    body: { statement, documents: [doc] },
  };
}

/** ReviewItem accepted at one level, with the item's full points (none given): POST …/items/:itemId/reviews. */
export function reviewCall(school: string, standard: string, itemId: string, attestationId: string, level: ChainLevelView): HttpCall {
  return {
    method: 'POST',
    path: `${itemPath(school, standard, itemId)}/reviews`,
    contentType: 'application/json',
    body: { attestationId, level: level.id, decision: 'accepted', comment: `${level.name}：材料齐全，同意（模拟审核）` },
  };
}

// ---- the ratings granted before the hub ----

/** A rating the region granted a school in an earlier year (宁夏 第十条), as the simulation declares it. */
export interface GrantedRating {
  readonly school: string;
  readonly year: number;
  readonly stars: number;
}

/**
 * The simulated province's Ningxia ratings of the two years before `year`, granted before the
 * hub ran — an input of the simulation, like its events, declared so that 第十四条 has a history
 * to read: in the first leader's district the established schools (the simulator's middle band)
 * were granted 二星级 both years, so one that is still two-star this year has held it three
 * years and loses its title; the leaders moved up (3, then 4 stars) and are not lowered.
 */
export function grantedHistory(p: Province, year: number, leaders: readonly SimSchool[] = leaderSchools(p)): GrantedRating[] {
  const district = leaders[0]?.regionCode;
  if (!district) return [];
  const established = MATURITY_SPREAD[1];
  const stalled = p.schools.filter(
    (s) => s.regionCode === district && s.maturity !== undefined && s.maturity >= established.from && s.maturity <= established.to,
  );
  return [
    ...stalled.flatMap((s) => [
      { school: s.code, year: year - 2, stars: 2 },
      { school: s.code, year: year - 1, stars: 2 },
    ]),
    ...leaders.flatMap((s) => [
      { school: s.code, year: year - 2, stars: 3 },
      { school: s.code, year: year - 1, stars: 4 },
    ]),
  ];
}

/** PUT /v1/schools/:school/ningxia/ratings/:year, as the province's officer (the region grants ratings). */
export const grantCall = (g: GrantedRating): HttpCall => ({
  method: 'PUT',
  path: `/v1/schools/${g.school}/ningxia/ratings/${g.year}`,
  contentType: 'application/json',
  body: { stars: g.stars, note: `${g.year}年自治区教育厅认定（EduCube 模拟省份的历史评级）` },
});

// ---- when ----

/**
 * The feeder has replayed the history once the next event of the stream lies ahead of the
 * clock (every event already due has been taken), or the stream has ended. Deterministic in
 * what has been sent: the catch-up sync and the history days are in, whatever the pace.
 */
export function historyReplayed(nextEventTime: string | undefined, now: number, streamEnded: boolean): boolean {
  if (streamEnded) return true;
  if (!nextEventTime) return false;
  const t = Date.parse(nextEventTime);
  return Number.isFinite(t) && t > now;
}

/** The assessment's address in npm start's layout (identity at base + 1, the assessment at base + 3). */
export function assessmentUrlBeside(identityUrl: string): string {
  const url = new URL(identityUrl);
  url.port = String(Number(url.port || (url.protocol === 'https:' ? 443 : 80)) + 2);
  return url.toString().replace(/\/$/, '');
}

// ---- the run, over HTTP ----

export interface LeaderOutcome {
  readonly school: string;
  /** the standard attested (one outcome per school and standard) */
  readonly standard: string;
  readonly name: string;
  readonly maturity: number | undefined;
  /** attested items and where they stand after the run */
  readonly items: readonly { readonly itemId: string; readonly document: string; readonly submitted: boolean; readonly accepted: readonly string[] }[];
  /** the sheet as the chain's last level stands (the standing's column), right after the run */
  readonly verdict: {
    readonly total?: number;
    readonly stars?: number;
    readonly starsByScore?: number;
    readonly unmetVeto?: readonly string[];
    readonly level?: string | null;
    readonly passed?: boolean;
  };
}

export interface RulingsView {
  readonly year: number;
  readonly districts: readonly {
    readonly district: string;
    readonly cultivated: number;
    readonly places: number;
    readonly threeStarByScore: number;
    readonly heldBack: readonly string[];
    readonly downgraded: readonly string[];
    readonly schools: readonly { readonly school: string; readonly finalStars: number; readonly reasons: readonly string[] }[];
  }[];
}

export interface LeaderRunOptions {
  readonly assessmentUrl: string;
  readonly issuerUrl: string;
  readonly runSecret: string;
  readonly schools: readonly SimSchool[];
  /** one standard only; by default each of `standards` */
  readonly standard?: string;
  /** the standards attested, in order; `LEADER_STANDARDS` by default */
  readonly standards?: readonly string[];
  /** ratings granted in earlier years, recorded before the leaders attest (`grantedHistory`) */
  readonly granted?: readonly GrantedRating[];
  readonly fetch?: typeof fetch;
}

export class LeaderHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LeaderHttpError';
  }
}

/** A token for one acting client, for the assessment (client credentials with the run's derived secret). */
async function issueToken(
  o: Pick<LeaderRunOptions, 'issuerUrl' | 'runSecret'>,
  doFetch: typeof fetch,
  clientId: string,
): Promise<{ access_token: string; expires_in?: number }> {
  const res = await doFetch(`${o.issuerUrl.replace(/\/$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecretOf(o.runSecret, clientId),
      resource: `urn:educube:${ASSESSMENT_AUDIENCE}`,
    }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new LeaderHttpError(res.status, `the issuer refused a token to ${clientId}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as { access_token: string; expires_in?: number };
}

/**
 * For each leader and each standard: reads the sheet's attested items and the standard's review
 * chain, then per item uploads the document, attests it as the CIO and has every level accept it
 * as an officer of that level, skipping whatever is already done. Throws on the first refusal
 * (the caller tries again later). One outcome per school and standard, the school's in a row.
 */
export async function attestLeaders(o: LeaderRunOptions): Promise<LeaderOutcome[]> {
  const standards = o.standard ? [o.standard] : (o.standards ?? LEADER_STANDARDS);
  const doFetch = o.fetch ?? fetch;
  const tokens = new Map<string, { token: string; until: number }>();
  const tokenOf = async (clientId: string): Promise<string> => {
    const cached = tokens.get(clientId);
    if (cached && cached.until > Date.now()) return cached.token;
    const body = await issueToken(o, doFetch, clientId);
    tokens.set(clientId, { token: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 30) * 1000 });
    return body.access_token;
  };
  const send = async <T>(as: Acting, call: HttpCall): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await tokenOf(as.clientId)}` };
    if (call.contentType) headers['content-type'] = call.contentType;
    const body = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? new Uint8Array(call.body) : JSON.stringify(call.body);
    const res = await doFetch(`${o.assessmentUrl.replace(/\/$/, '')}${call.path}`, {
      method: call.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new LeaderHttpError(res.status, `${call.method} ${call.path.split('?')[0]} as ${as.clientId}: ${res.status} ${text.slice(0, 400)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const bySchool = new Map(o.schools.map((s) => [s.code, s]));
  for (const g of o.granted ?? []) {
    const school = bySchool.get(g.school) ?? o.schools[0];
    if (!school) break;
    await send(actorsOf(school).province_officer, grantCall(g));
  }

  const outcomes: LeaderOutcome[] = [];
  for (const school of o.schools)
    for (const standard of standards) {
      const cio = actorsOf(school).cio;
      const sheet = await send<{ rows: SheetRowView[] }>(cio, sheetCall(school.code, standard, 'self'));
      const reviews = await send<{ chain: ChainLevelView[]; items: ReviewItemView[] }>(cio, reviewsCall(school.code, standard));
      const items: LeaderOutcome['items'][number][] = [];
      for (const row of attestedItems(sheet.rows)) {
        const plan = planItem(
          row.itemId,
          reviews.chain,
          reviews.items.find((i) => i.itemId === row.itemId && i.attestationId),
        );
        const doc = documentFor(school, standard, row);
        let attestationId = plan.attestationId;
        if (plan.submit) {
          const ref = await send<DocumentRef>(cio, uploadCall(school.code, doc));
          attestationId = (await send<{ attestationId: string }>(cio, attestCall(school, standard, row, ref))).attestationId;
        }
        if (!attestationId) throw new Error(`no attestation of item ${row.itemId} of school ${school.code} to review`);
        for (const level of plan.levels) await send(reviewerFor(level, school), reviewCall(school.code, standard, row.itemId, attestationId, level));
        items.push({ itemId: row.itemId, document: doc.name, submitted: plan.submit, accepted: plan.levels.map((l) => l.id) });
      }
      const after = await send<{ verdict: LeaderOutcome['verdict'] }>(cio, sheetCall(school.code, standard));
      const { total, stars, starsByScore, unmetVeto, level, passed } = after.verdict;
      outcomes.push({
        school: school.code,
        standard,
        name: school.name,
        maturity: school.maturity,
        items,
        verdict: { total, stars, starsByScore, unmetVeto, level, passed },
      });
    }
  return outcomes;
}

/** Ningxia's region rulings of a region, as the province's officer over `school` reads them. */
export async function rulingsOf(
  o: Pick<LeaderRunOptions, 'assessmentUrl' | 'issuerUrl' | 'runSecret' | 'fetch'>,
  school: SimSchool,
  region: string,
): Promise<RulingsView> {
  const doFetch = o.fetch ?? fetch;
  const { access_token } = await issueToken(o, doFetch, actorsOf(school).province_officer.clientId);
  const res = await doFetch(`${o.assessmentUrl.replace(/\/$/, '')}/v1/regions/${region}/ningxia/rulings`, {
    headers: { authorization: `Bearer ${access_token}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok) throw new LeaderHttpError(res.status, `GET /v1/regions/${region}/ningxia/rulings: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as RulingsView;
}
