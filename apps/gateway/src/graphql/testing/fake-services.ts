import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { directoryRegion, directorySchool } from '@educube/identity-client/testing';
import type { Directory, DirectorySchool } from '@educube/identity-client';
import {
  acknowledge,
  alertCounts,
  alertsConfig,
  compareAlerts,
  decide,
  evaluateIndicatorRegression,
  evaluateRejectSpike,
  evaluateSilentSource,
  evolveAll,
  initialState,
  type AcknowledgeCommand,
  type AlertEvent,
} from '@educube/alerts';
import { aRejectWindow, aSilentSource, aStandingChange, cn } from '@educube/alerts/testing';
import { acknowledgeRefusalStatus } from '@educube/alert-streams';
import type { OwnerName, StandingRow } from '../upstream/clients';

/**
 * Identity, assessment and warehouse as the gateway sees them over HTTP, answering from a small
 * province held in memory, so the gateway's resolvers, batching and scope rule are tested
 * without the three services. The answers have the shapes those services' own API tests pin;
 * the stack's end-to-end test runs the gateway against the real ones.
 */
export interface FakeWorld {
  directory: Directory;
  standings: StandingRow[];
  /** per school: its sources' figures */
  ingestion: Map<string, { source: string; accepted: number; rejects: number; parked: number; lastEventAt: string; silent: boolean }[]>;
  audit: unknown[];
  /** Each owner's alert streams (every district's events in one list): decided by the alert lib itself. */
  alerts: Record<OwnerName, AlertEvent[]>;
}

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly authorized: boolean;
  readonly body: unknown;
}

const within = (code: string, region: string): boolean => code.startsWith(region.replace(/(00)+$/, ''));

/** Province 330000 → cities 330200, 330300 → districts 330203, 330212 (Ningbo) and 330302 (Wenzhou), three schools each. */
export function aProvince(): FakeWorld {
  const regions = ['330000', '330200', '330300', '330203', '330212', '330302'].map((c) =>
    directoryRegion(c, { '330000': '浙江省', '330200': '宁波市', '330300': '温州市', '330203': '海曙区', '330212': '鄞州区', '330302': '鹿城区' }[c]),
  );
  const schools: DirectorySchool[] = ['330203', '330212', '330302'].flatMap((d) =>
    [1, 2, 3].map((n) =>
      directorySchool(`${d}000${n}`, d, {
        name: `${{ '330203': '海曙', '330212': '鄞州', '330302': '鹿城' }[d]}第${n}小学`,
        ...(n === 3 ? { schoolType: '初中', stages: ['初中'], classes: [{ stage: '初中', grade: 7, classes: 4 }] } : {}),
      }),
    ),
  );
  const standings: StandingRow[] = schools.flatMap((s, i) => [
    {
      school: s.code,
      standard: 'ningxia',
      label: `${i % 4}-star`,
      score: 60 + i * 3,
      stars: i % 4,
      passed: null,
      level: null,
      basicMet: null,
      basicTotal: null,
      computedAt: '2026-12-01T00:00:00.000Z',
    },
    {
      school: s.code,
      standard: 'jiangsu',
      label: i % 2 === 0 ? 'passed' : 'not-passed',
      score: 50 + i * 5,
      stars: null,
      passed: i % 2 === 0,
      level: null,
      basicMet: null,
      basicTotal: null,
      computedAt: '2026-12-01T00:00:00.000Z',
    },
  ]);
  const ingestion = new Map(
    schools.map((s, i) => [
      s.code,
      [
        {
          source: 'timetabling',
          accepted: 100 + i,
          rejects: i === 1 ? 3 : 0,
          parked: i === 4 ? 2 : 0,
          lastEventAt: '2026-12-06T08:00:00.000Z',
          silent: i === 7,
        },
      ],
    ]),
  );
  return { directory: { asOf: '2026-12-06', regions, schools }, standings, ingestion, audit: [], alerts: someAlerts() };
}

export const ALERTS_RAISED_AT = cn('2026-12-04 15:00');

/** A silent source and a reject spike (the warehouse's) and a lost item and star (the assessment's), in 330203 and 330302. */
export function someAlerts(): Record<OwnerName, AlertEvent[]> {
  const config = alertsConfig();
  const at = ALERTS_RAISED_AT;
  const warehouse = decide(
    initialState,
    [
      evaluateSilentSource(
        config,
        [
          aSilentSource(cn('2026-12-04 09:00'), { school: '3302030001', district: '330203' }),
          aSilentSource(cn('2026-12-04 09:00'), { school: '3303020001', district: '330302' }),
        ],
        at,
      ),
      evaluateRejectSpike(config, [aRejectWindow({ accepted: 10, rejected: 40 }, undefined, { school: '3302030002', district: '330203' })], at),
    ],
    at,
  );
  const assessment = decide(
    initialState,
    evaluateIndicatorRegression(
      config,
      [aStandingChange({ itemsMet: ['18'], stars: 3 }, { itemsMet: [], stars: 2 }, { school: '3302030003', district: '330203' })],
      at,
    ),
    at,
  );
  return { warehouse, assessment };
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? JSON.parse(text) : undefined;
}

export interface FakeServices {
  readonly url: string;
  readonly calls: Recorded[];
  readonly world: FakeWorld;
  close(): Promise<void>;
}

export async function startFakeServices(world: FakeWorld = aProvince()): Promise<FakeServices> {
  const calls: Recorded[] = [];
  const schoolsUnder = (region: string) => world.directory.schools.filter((s) => within(s.regionCode, region));
  const distribution = (rows: StandingRow[]) =>
    [...rows.reduce((m, r) => m.set(r.label, (m.get(r.label) ?? 0) + 1), new Map<string, number>())]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => a.label.localeCompare(b.label));
  const healthOf = (codes: string[]) => {
    const sources = codes.flatMap((school) => (world.ingestion.get(school) ?? []).map((s) => ({ school, ...s })));
    return {
      totals: {
        accepted: sources.reduce((n, s) => n + s.accepted, 0),
        deadLetters: sources.reduce((n, s) => n + s.rejects, 0),
        parked: sources.reduce((n, s) => n + s.parked, 0),
        eventsPerMinute: 1.5 * sources.length,
      },
      lastEventAt: sources.length ? '2026-12-06T08:00:00.000Z' : null,
      silentSources: sources.filter((s) => s.silent).map((s) => ({ school: s.school, source: s.source, lastEventAt: s.lastEventAt })),
      sources,
    };
  };
  // the alerts API as @educube/alert-streams serves it, over the owner's events
  const alertsOf = (owner: OwnerName, url: URL): [number, unknown] => {
    const region = url.searchParams.get('region') ?? '';
    const status = url.searchParams.get('status') ?? 'open';
    const all = Object.values(evolveAll(world.alerts[owner]).alerts)
      .filter((a) => within(a.district, region) && (status === 'all' || a.status !== 'resolved'))
      .sort(compareAlerts);
    const found = world.directory.regions.find((r) => r.code === region);
    if (!found) return [404, { title: 'Not found' }];
    return [
      200,
      {
        region: { code: found.code, name: found.name, level: found.level },
        status,
        evaluatedAt: null,
        counts: alertCounts(all),
        alerts: all.slice(0, Number(url.searchParams.get('limit') ?? 200)),
      },
    ];
  };
  const acknowledgeIn = (owner: OwnerName, alertId: string, body: { district: string; by: AcknowledgeCommand['by']; note?: string }): [number, unknown] => {
    const state = evolveAll(world.alerts[owner].filter((e) => e.type !== 'AlertRaised' || e.data.district === body.district));
    const decision = acknowledge(state, { alertId, by: body.by, at: new Date().toISOString(), ...(body.note === undefined ? {} : { note: body.note }) });
    if (!decision.ok)
      return [
        acknowledgeRefusalStatus(decision.problems),
        { title: 'Refused', detail: decision.problems.map((p) => p.message).join('; '), problems: decision.problems },
      ];
    world.alerts[owner].push(...decision.events);
    return [200, { alert: evolveAll(world.alerts[owner]).alerts[alertId], appended: decision.events.length }];
  };
  const route = async (method: string, url: URL, body: unknown): Promise<[number, unknown]> => {
    // the assessment and the warehouse are told apart by a path prefix (one fake server for all three)
    const owner = (/^\/(warehouse|assessment)\//.exec(url.pathname)?.[1] ?? 'warehouse') as OwnerName;
    const p = url.pathname.replace(/^\/(warehouse|assessment)(?=\/)/, '');
    let m: RegExpExecArray | null;
    if (p === '/v1/alerts') return alertsOf(owner, url);
    if ((m = /^\/v1\/alerts\/([^/]+)\/acknowledge$/.exec(p)) && method === 'POST')
      return acknowledgeIn(owner, decodeURIComponent(m[1] as string), body as { district: string; by: AcknowledgeCommand['by'] });
    if (p === '/v1/directory') return [200, world.directory];
    if (p === '/v1/access/visible-schools') {
      const { principal } = body as { principal: { scope: { kind: string; regionCode?: string; schoolCodes?: string[] } } };
      const s = principal.scope;
      return [
        200,
        {
          schools: world.directory.schools
            .filter((x) => (s.kind === 'region' ? within(x.regionCode, s.regionCode ?? '-') : s.schoolCodes?.includes(x.code)))
            .map((x) => x.code),
        },
      ];
    }
    if (p === '/v1/audit/entries' && method === 'POST') {
      world.audit.push(...(body as { entries: unknown[] }).entries);
      return [202, { recorded: 1 }];
    }
    if ((m = /^\/v1\/headcounts\/(\d+)$/.exec(p)))
      return [200, { schoolCode: m[1], asOf: '2026-12-06', byStage: [], totals: { students: 600, teachers: 40, staff: 8 } }];
    if (p === '/v1/standings' && method === 'POST') {
      const codes = (body as { schools: string[] }).schools;
      return [200, { standings: world.standings.filter((r) => codes.includes(r.school)) }];
    }
    if ((m = /^\/v1\/regions\/(\d+)\/standings\/schools$/.exec(p))) {
      const codes = new Set(schoolsUnder(m[1] as string).map((s) => s.code));
      return [
        200,
        {
          schools: world.standings
            .filter((r) => codes.has(r.school) && r.standard === url.searchParams.get('standard') && r.label === url.searchParams.get('label'))
            .map((r) => r.school),
        },
      ];
    }
    if ((m = /^\/v1\/regions\/(\d+)\/standings\/items$/.exec(p))) {
      const n = schoolsUnder(m[1] as string).length;
      return [
        200,
        {
          region: m[1],
          standard: url.searchParams.get('standard'),
          asOf: '2026-12-06',
          trend: ['2026-11', '2026-12'].map((month, i) => ({
            month,
            semester: '2026-2027 第一学期',
            items: [{ itemId: '23', number: '23', label: 'cloud index', basis: 'derived', met: i + 1, schools: n, rate: n ? (i + 1) / n : 0 }],
          })),
        },
      ];
    }
    if ((m = /^\/v1\/regions\/(\d+)\/ningxia\/rulings$/.exec(p))) {
      // each district's first school held back by the cap and downgraded; a school identity does not place rides along
      const districts = [...new Set(schoolsUnder(m[1] as string).map((s) => s.regionCode))].sort();
      return [
        200,
        {
          region: m[1],
          year: 2026,
          asOf: '2026-12-06',
          districts: districts.map((d) => {
            const codes = [...schoolsUnder(d).map((s) => s.code), `${d}9999`];
            return {
              district: d,
              name: null,
              year: 2026,
              cultivated: codes.length,
              places: 1,
              threeStarByScore: 2,
              threeStarAfterCap: 1,
              heldBack: [codes[0]],
              downgraded: [codes[0]],
              schools: codes.map((school, i) => ({
                school,
                total: 82 - i,
                starsByScore: 3,
                stars: 3,
                starsAfterCap: i === 0 ? 2 : 3,
                capped: i === 0,
                history:
                  i === 0
                    ? [
                        { year: 2024, stars: 2 },
                        { year: 2025, stars: 2 },
                      ]
                    : [],
                finalStars: i === 0 ? 0 : 3,
                downgraded: i === 0,
                reasons:
                  i === 0
                    ? ['beyond the cap, held at two stars', '2 stars held 3 consecutive years 2024–2026: the title is cancelled (第十四条)']
                    : ['within the cap'],
              })),
            };
          }),
        },
      ];
    }
    if ((m = /^\/v1\/regions\/(\d+)\/standings$/.exec(p))) {
      const codes = new Set(schoolsUnder(m[1] as string).map((s) => s.code));
      const standard = url.searchParams.get('standard') ?? '';
      const rows = world.standings.filter((r) => codes.has(r.school) && r.standard === standard);
      return [
        200,
        {
          region: m[1],
          standard,
          asOf: '2026-12-06',
          schools: rows.length,
          distribution: distribution(rows),
          items: [
            { itemId: '23', number: '23', label: 'cloud index', basis: 'derived', met: 1, schools: rows.length, rate: rows.length ? 1 / rows.length : 0 },
          ],
          trend: [{ month: '2026-12', semester: '2026-2027 第一学期', schools: rows.length, distribution: distribution(rows) }],
          semesters: [{ month: '2026-12', semester: '2026-2027 第一学期', schools: rows.length, distribution: distribution(rows) }],
          ...(standard === 'ningxia' ? { ningxia: { capped: [] } } : {}),
        },
      ];
    }
    if ((m = /^\/v1\/schools\/(\d+)\/standards\/ningxia\/form$/.exec(p))) return [200, `<h1>宁夏中小学智慧校园星级认定表</h1><p>${m[1]}</p>`];
    if ((m = /^\/v1\/schools\/(\d+)\/standards\/(\w+)\/sheet$/.exec(p)))
      return [
        200,
        {
          school: m[1],
          standard: m[2],
          asOf: '2026-12-06',
          column: 'district',
          checkpoint: '42',
          verdict: { kind: 'points', total: 71 },
          rows: [
            {
              itemId: '23',
              number: '23',
              groups: ['一'],
              text: '云平台',
              label: 'cloud',
              flags: '',
              maxPoints: 2,
              basis: 'derived',
              window: 'semester 2026-09-01..2027-01-31',
              value: 0.8,
              threshold: 0.5,
              met: true,
              points: 2,
              contributing: 12,
              sampleIds: ['s-1'],
              formulaOrEvidence: 'a / b',
              status: 'derived as of 2026-12-06',
              override: '',
            },
          ],
        },
      ];
    if ((m = /^\/v1\/schools\/(\d+)\/standards\/(\w+)\/reviews$/.exec(p)))
      return [
        200,
        {
          school: m[1],
          standard: m[2],
          chain: [{ id: 'district' }],
          items: [
            {
              itemId: '5',
              attestationId: 'a-1',
              status: 'submitted',
              documents: [{ name: '制度.pdf', mediaType: 'application/pdf', bytes: 1234, sha256: 'a'.repeat(64) }],
              reviews: {},
            },
          ],
          overrides: {},
          history: [{ type: 'ItemAttested', data: { itemId: '5', at: '2026-12-01T00:00:00Z', by: { role: 'cio' } } }],
        },
      ];
    if ((m = /^\/v1\/activity\/regions\/(\d+)$/.exec(p)))
      return [
        200,
        {
          region: m[1],
          months: [
            {
              month: '2026-11',
              teacherSpaceEvents: schoolsUnder(m[1] as string).length * 10,
              activeTeacherSpaces: 3,
              resourceUploads: 7,
              teachers: 40,
              uploadsPerTeacher: 0.175,
              lessonsDelivered: 90,
              remoteLessons: 4,
              attendanceExpected: 100,
              attendancePresent: 97,
              attendanceRate: 0.97,
              devices: 20,
              devicesPerTeacher: 0.5,
            },
          ],
        },
      ];
    if (p === '/v1/activity/schools' && method === 'POST') {
      const { schools } = body as { schools: string[] };
      return [
        200,
        {
          schools: schools.map((school) => ({
            school,
            months: [
              {
                month: '2026-11',
                teacherSpaceEvents: 10,
                activeTeacherSpaces: 1,
                resourceUploads: 2,
                teachers: 40,
                uploadsPerTeacher: 0.05,
                lessonsDelivered: 30,
                remoteLessons: 1,
                attendanceExpected: 30,
                attendancePresent: 29,
                attendanceRate: 0.967,
                devices: 6,
                devicesPerTeacher: 0.15,
              },
            ],
          })),
        },
      ];
    }
    if ((m = /^\/v1\/ingestion\/regions\/(\d+)$/.exec(p))) return [200, { region: m[1], ...healthOf(schoolsUnder(m[1] as string).map((s) => s.code)) }];
    if (p === '/v1/ingestion/schools' && method === 'POST')
      return [200, { schools: (body as { schools: string[] }).schools.map((school) => ({ school, ...healthOf([school]) })) }];
    return [404, { title: 'Not found' }];
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await bodyOf(req);
      const authorized = /^Bearer \S+$/.test(req.headers.authorization ?? '');
      calls.push({ method: req.method ?? 'GET', path: url.pathname.replace(/^\/(warehouse|assessment)(?=\/)/, ''), authorized, body });
      const [status, answer] = authorized ? await route(req.method ?? 'GET', url, body) : [401, { title: 'Unauthenticated' }];
      res
        .writeHead(status, { 'content-type': typeof answer === 'string' ? 'text/html; charset=utf-8' : 'application/json' })
        .end(typeof answer === 'string' ? answer : JSON.stringify(answer));
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, world, close: () => new Promise<void>((r) => server.close(() => r())) };
}
