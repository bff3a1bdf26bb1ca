import { ExamScoresPublishedV1, LessonTimetabledV1, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore, StreamAppend } from '@educube/event-store';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { EVENT_STORE } from '../storage/storage';
import { actors } from '@educube/oidc/testing';
import { startTestWarehouse } from '../testing/warehouse';

// Issue 4: every kind of malformed input gets its own reason, is kept as a dead letter where it
// can be, and writes nothing to the event store. Real PostgreSQL and real Keycloak
// (scripts/stack); the identity service answers from memory (aTestIdentity: schools
// 3302030001…3302030010, which includes the 3302030001 the realm's school-system clients carry).

const KEYCLOAK = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const ISSUER = `${KEYCLOAK}/realms/educube`;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_BATCH = 50;

type Problem = { path: string; rule: string; message?: string; value?: unknown };
type Result = { index: number; id: string | null; status: string; problems?: Problem[] };
type Reply = { status: number; json: { detail?: string; problems?: Problem[]; summary?: Record<string, number>; results?: Result[] } };

/** One row of the table that goes into the issue's closing note. */
const table: { name: string; http: number; outcome: string; rules: string; paths: string; message: string }[] = [];

function record(name: string, reply: Reply): void {
  const problems = reply.json.results?.flatMap((r) => r.problems ?? []) ?? reply.json.problems ?? [];
  const outcome = reply.json.results ? reply.json.results.map((r) => r.status).join(', ') : 'refused';
  const message = reply.json.results ? problems.map((p) => p.message ?? '').join('; ') : (reply.json.detail ?? '');
  table.push({
    name,
    http: reply.status,
    outcome,
    rules: problems.map((p) => p.rule).join(', '),
    paths: problems.map((p) => (p.path !== '' ? p.path : reply.json.results ? '(the event)' : '(body)')).join(', '),
    message,
  });
}

afterAll(() => {
  const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| case | HTTP | outcome | rule(s) | path(s) | message |',
    '|---|---|---|---|---|---|',
    ...table.map((r) => `| ${[r.name, r.http, r.outcome, r.rules, r.paths, r.message].map(cell).join(' | ')} |`),
  ];
  console.log(`Malformed input on POST /v1/events (${table.length} cases)\n\n${lines.join('\n')}`);
});

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as Reply['json'] };
}

async function counts(db: FreshDatabase['db']): Promise<{ events: number; deadLetters: number }> {
  const { rows } = await db.query<{ events: string; dead: string }>(
    'select (select count(*) from event_store.events)::text as events, (select count(*) from warehouse.dead_letters)::text as dead',
  );
  return { events: Number(rows[0]?.events), deadLetters: Number(rows[0]?.dead) };
}

async function lastDeadLetter(
  db: FreshDatabase['db'],
): Promise<{ status: string; reasons: Problem[]; original: Buffer; school_code: string | null; source: string | null }> {
  const { rows } = await db.query<{ status: string; reasons: Problem[]; original: Buffer; school_code: string | null; source: string | null }>(
    'select status, reasons, original, school_code, source from warehouse.dead_letters order by id desc limit 1',
  );
  const row = rows[0];
  if (!row) throw new Error('no dead letter');
  return row;
}

// Factories: a valid event, then one thing broken.
type Raw = Record<string, unknown>;
const lesson = (envelope: Partial<Omit<CloudEvent, 'data'>> = {}): Raw => ({ ...anEvent(LessonTimetabledV1, {}, envelope) });
const withEnvelope = (patch: Raw): Raw => ({ ...lesson(), ...patch });
const without = (...keys: string[]): Raw => Object.fromEntries(Object.entries(lesson()).filter(([k]) => !keys.includes(k)));
const withData = (patch: Raw, base: Raw = lesson()): Raw => ({ ...base, data: { ...(base['data'] as Raw), ...patch } });
const withoutData = (...keys: string[]): Raw => {
  const base = lesson();
  return { ...base, data: Object.fromEntries(Object.entries(base['data'] as Raw).filter(([k]) => !keys.includes(k))) };
};
const json = (v: unknown): string => JSON.stringify(v);
const inMinutes = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

/** A case refused as a whole request (problem+json), with or without a dead letter of its bytes. */
interface WholeCase {
  readonly kind: 'whole';
  readonly name: string;
  readonly body: () => string | Buffer;
  readonly contentType?: string;
  readonly status: number;
  readonly rule: string;
  readonly deadLetter: boolean;
}

/** A batch whose single event is rejected: 200 with a result naming every [path, rule]. */
interface EventCase {
  readonly kind: 'event';
  readonly name: string;
  readonly event: () => unknown;
  readonly problems: readonly [path: string, rule: string][];
}

type Case = WholeCase | EventCase;

const whole = (name: string, body: () => string | Buffer, status: number, rule: string, deadLetter: boolean, contentType?: string): WholeCase => ({
  kind: 'whole',
  name,
  body,
  status,
  rule,
  deadLetter,
  ...(contentType ? { contentType } : {}),
});
const rejected = (name: string, event: () => unknown, ...problems: [string, string][]): EventCase => ({ kind: 'event', name, event, problems });

const CASES: readonly Case[] = [
  whole('empty body', () => '', 400, 'non-empty', true),
  whole('not JSON', () => '[{"specversion": "1.0",', 400, 'json', true),
  whole('invalid UTF-8', () => Buffer.concat([Buffer.from('[{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]), 400, 'utf-8', true),
  whole('UTF-16 body (not UTF-8)', () => Buffer.from(`\ufeff${json([lesson()])}`, 'utf16le'), 400, 'utf-8', true),
  whole('JSON scalar, not an array of events', () => '42', 400, 'json-array', true),
  whole('empty batch []', () => '[]', 400, 'non-empty', false),
  whole('wrong content type (text/plain)', () => json([lesson()]), 415, 'json', false, 'text/plain'),
  whole(
    `oversized batch (${MAX_BATCH + 1} events > INGEST_MAX_BATCH ${MAX_BATCH})`,
    () => json(Array.from({ length: MAX_BATCH + 1 }, () => lesson())),
    413,
    'max-batch',
    false,
  ),
  whole(
    `oversized body (> INGEST_MAX_BODY_BYTES ${MAX_BODY_BYTES})`,
    () => json([withData({ lessonId: 'x'.repeat(MAX_BODY_BYTES) })]),
    413,
    'max-body-bytes',
    false,
  ),
  whole(
    'JSON nested 10,000 deep',
    () => `[${json(lesson()).replace('"data":{', `"data":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)},`)}]`,
    400,
    'max-depth',
    true,
  ),

  rejected('non-object element in the array', () => 'an event', ['', 'type']),
  rejected('array element that is an array', () => [lesson()], ['', 'type']),
  rejected('missing envelope fields (id, time)', () => without('id', 'time'), ['/id', 'required'], ['/time', 'required']),
  rejected('missing data', () => without('data'), ['/data', 'required']),
  rejected('missing data field (lessonId)', () => withoutData('lessonId'), ['/data/lessonId', 'required']),
  rejected(
    'extra envelope attribute (typo "subjet")',
    () => ({ ...without('subject'), subjet: '3302030001' }),
    ['/subject', 'required'],
    ['/subjet', 'unknown-field'],
  ),
  rejected('extra data field', () => withData({ colour: 'red' }), ['/data/colour', 'unknown-field']),
  rejected('wrong type: period as a string', () => withData({ period: '1' }), ['/data/period', 'type']),
  rejected('wrong type: subject as a number', () => withEnvelope({ subject: 3302030001 }), ['/subject', 'type']),
  rejected('data null', () => withEnvelope({ data: null }), ['/data', 'type']),
  rejected('unknown event type', () => withEnvelope({ type: 'cn.educube.timetabling.LessonTeleported.v1' }), ['/type', 'known-type']),
  rejected('unknown version of a known type', () => withEnvelope({ type: 'cn.educube.timetabling.LessonTimetabled.v9' }), ['/type', 'known-version']),
  rejected('bad CloudEvents specversion', () => withEnvelope({ specversion: '0.3' }), ['/specversion', 'enum']),
  rejected('bad date (30 February)', () => withData({ date: '2026-02-30' }), ['/data/date', 'format']),
  rejected('bad time (not a timestamp)', () => withEnvelope({ time: 'yesterday' }), ['/time', 'format']),
  rejected('time without offset', () => withEnvelope({ time: '2026-09-07T08:00:00' }), ['/time', 'format']),
  rejected('time 10 min in the future (tolerance 5 min)', () => withEnvelope({ time: inMinutes(10) }), ['/time', 'not-in-future']),
  rejected('unknown school code', () => lesson({ subject: '3302039999' }), ['/subject', 'known-school']),
  rejected('subject not 10 digits', () => withEnvelope({ subject: '330203001' }), ['/subject', 'format']),
  rejected('id with spaces', () => withEnvelope({ id: 'evt 0001' }), ['/id', 'format']),
  rejected('over-long id (129 characters)', () => withEnvelope({ id: 'e'.repeat(129) }), ['/id', 'max']),
  rejected('over-long data string (lessonId 65 characters)', () => withData({ lessonId: 'L'.repeat(65) }), ['/data/lessonId', 'max']),
  rejected('invalid enum value (mode)', () => withData({ mode: '飞行课堂' }), ['/data/mode', 'enum']),
  rejected('negative count', () => anEvent(ExamScoresPublishedV1, { candidates: -1, scored: 0 }), ['/data/candidates', 'min']),
  rejected('cross-field rule (scored > candidates)', () => anEvent(ExamScoresPublishedV1, { candidates: 40, scored: 41 }), ['/data/scored', 'max']),
  rejected('person ref with "/" in its local id', () => withData({ teacher: { system: 'timetabling', localId: 'T/0001' } }), [
    '/data/teacher/localId',
    'format',
  ]),
  // valid JSON ("\u0000", "\ud800" as JSON.stringify spells them) and valid for the contract, but not text PostgreSQL's jsonb stores
  rejected('NUL character in a data string ("\\u0000")', () => withData({ lessonId: 'L\u00000001' }), ['/data/lessonId', 'no-nul-character']),
  rejected('unpaired surrogate in an attribute ("\\ud800")', () => withEnvelope({ source: '/schools/3302030001/timetabling\ud800' }), [
    '/source',
    'well-formed-unicode',
  ]),
  rejected(
    'NUL and a lone low surrogate in a member name',
    () => withData({ 'note\u0000\udc00': 'x' }),
    ['/data/note\ufffd\ufffd', 'unknown-field'],
    ['/data/note\ufffd\ufffd', 'no-nul-character'],
    ['/data/note\ufffd\ufffd', 'well-formed-unicode'],
  ),
];

describe("malformed input on POST /v1/events (real PostgreSQL, the school system's own token)", () => {
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  const asSchool = (school = '3302030001') => running.issuer.bearer(actors.schoolSystem(school));

  beforeAll(async () => {
    database = await freshDatabase('educube_malformed');
    running = await startTestWarehouse({ DATABASE_URL: database.url, INGEST_MAX_BODY_BYTES: String(MAX_BODY_BYTES), INGEST_MAX_BATCH: String(MAX_BATCH) });
    // each event is sent by its own school's system: a refusal then names only what is broken
  });
  afterAll(async () => {
    await running?.close();
    await database?.drop();
  });

  it('covers at least twenty kinds of malformed input', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('accepts the unbroken event the factories start from (the cases break exactly one thing)', async () => {
    const reply = await post(running.url, json([lesson(), anEvent(ExamScoresPublishedV1)]), await asSchool());
    expect(reply.json.results?.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('appends every event of a batch but the one PostgreSQL refuses, which becomes a dead letter with the database message', async () => {
    // The screen now refuses every value we know jsonb refuses (U+0000, unpaired surrogates,
    // nesting past the stack), so no input reaches the store with one: this wrapper around the
    // real store puts a NUL into one event after the screen, and real PostgreSQL refuses it.
    const store = running.app.get<EventStore>(EVENT_STORE);
    const stored = lesson();
    expect((await post(running.url, json([stored]), await asSchool())).json.results?.[0]?.status).toBe('accepted');
    const { rows: storedBefore } = await database.db.query<{ position: string; data: unknown }>(
      'select position::text, data from event_store.events where event_id = $1',
      [stored.id],
    );

    // one school's batch, as its system sends it (the multi-school case, Kafka's, is refusals.api.spec's)
    const events = [lesson(), lesson(), lesson(), stored, lesson()];
    const refused = events[1]?.['id'] as string;
    const real = store.appendMany.bind(store);
    store.appendMany = (appends: readonly StreamAppend[]) =>
      real(
        appends.map((a) => ({
          ...a,
          events: a.events.map((e) =>
            e.id === refused ? { ...e, data: { ...(e.data as Raw), data: { ...((e.data as Raw)['data'] as Raw), lessonId: 'L\u0000' } } } : e,
          ),
        })),
      );
    const before = await counts(database.db);
    let reply: Reply;
    try {
      reply = await post(running.url, json(events), await asSchool());
    } finally {
      store.appendMany = real;
    }
    record('a value PostgreSQL refuses, slipped past the screen', reply);
    expect(reply.status).toBe(200);
    expect(reply.json.results?.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'duplicate', 'accepted']);
    expect(reply.json.results?.[1]?.problems).toEqual([
      {
        path: '',
        rule: 'append-failed',
        message: expect.stringMatching(/^the event store refused this event: unsupported Unicode escape sequence/),
        value: '22P05',
      },
    ]);
    expect(await counts(database.db)).toEqual({ events: before.events + 3, deadLetters: before.deadLetters + 1 });
    const letter = await lastDeadLetter(database.db);
    expect(letter).toMatchObject({
      status: 'rejected',
      school_code: '3302030001',
      reasons: [expect.objectContaining({ rule: 'append-failed', value: '22P05' })],
    });
    expect(JSON.parse(letter.original.toString('utf8'))).toEqual(events[1]);
    // what was stored before stays exactly as it was; the school's stream has no gap
    const { rows: storedAfter } = await database.db.query<{ position: string; data: unknown }>(
      'select position::text, data from event_store.events where event_id = $1',
      [stored.id],
    );
    expect(storedAfter).toEqual(storedBefore);
    const { rows: versions } = await database.db.query<{ v: number[] }>(
      "select array_agg(stream_version order by stream_version) as v from event_store.events where stream_id = 'school-3302030001'",
    );
    expect(versions[0]?.v).toEqual(Array.from({ length: versions[0]?.v.length ?? 0 }, (_, i) => i));
    expect((await store.readStream('school-3302030001')).map((e) => e.id)).toEqual(expect.arrayContaining([events[0]?.['id'], events[4]?.['id']]));
  });

  it.each(CASES.filter((c): c is WholeCase => c.kind === 'whole').map((c) => [c.name, c] as const))(
    'refuses %s as a whole, with its rule, storing nothing',
    async (name, c) => {
      const body = c.body();
      const before = await counts(database.db);
      const reply = await post(running.url, body, { ...(await asSchool()), ...(c.contentType ? { 'content-type': c.contentType } : {}) });
      record(name, reply);
      expect(reply.status).toBe(c.status);
      expect(reply.json.problems?.map((p) => p.rule)).toEqual([c.rule]);
      const after = await counts(database.db);
      expect(after.events).toBe(before.events);
      expect(after.deadLetters).toBe(before.deadLetters + (c.deadLetter ? 1 : 0));
      if (c.deadLetter) {
        // the bytes are kept exactly as they came, since nothing of them could be read as events
        const letter = await lastDeadLetter(database.db);
        expect(letter).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ path: '', rule: c.rule })] });
        expect(Buffer.compare(letter.original, Buffer.from(body))).toBe(0);
      }
    },
  );

  it.each(CASES.filter((c): c is EventCase => c.kind === 'event').map((c) => [c.name, c] as const))(
    'rejects an event with %s, naming every [path, rule], storing nothing but its dead letter',
    async (name, c) => {
      const event = c.event();
      const before = await counts(database.db);
      const subject = (event as { subject?: unknown }).subject;
      const reply = await post(running.url, json([event]), await asSchool(typeof subject === 'string' && /^\d{10}$/.test(subject) ? subject : undefined));
      record(name, reply);
      expect(reply.status).toBe(200);
      expect(reply.json.summary).toEqual({ accepted: 0, duplicate: 0, conflict: 0, rejected: 1, parked: 0 });
      const problems = reply.json.results?.[0]?.problems ?? [];
      expect(problems.map((p) => [p.path, p.rule]).sort()).toEqual([...c.problems].sort());
      for (const p of problems) expect(p.message).toEqual(expect.any(String));
      const after = await counts(database.db);
      expect(after).toEqual({ events: before.events, deadLetters: before.deadLetters + 1 });
      const letter = await lastDeadLetter(database.db);
      expect(letter.status).toBe('rejected');
      expect(letter.reasons.map((p) => [p.path, p.rule]).sort()).toEqual([...c.problems].sort());
      expect(JSON.parse(letter.original.toString('utf8'))).toEqual(event);
    },
  );
});

describe('an authenticated school system (real Keycloak)', () => {
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let schoolSystem: string;
  let ownSchool: string;

  async function token(form: Record<string, string>): Promise<string> {
    const res = await fetch(`${ISSUER}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(form) });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    if (!res.ok || !body.access_token) throw new Error(`Keycloak refused the token request (${res.status}): ${body.error_description}`);
    return body.access_token;
  }
  const claimsOf = (jwt: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

  beforeAll(async () => {
    schoolSystem = await token({ grant_type: 'client_credentials', client_id: 'timetabling-system', client_secret: 'dev-timetabling-secret' });
    const codes = claimsOf(schoolSystem)['school_codes'];
    // the realm gives the timetabling system exactly one school, which the test identity must know
    expect(codes).toEqual([expect.stringMatching(/^\d{10}$/)]);
    ownSchool = (codes as string[])[0] as string;
    database = await freshDatabase('educube_malformed');
    running = await startTestWarehouse({ DATABASE_URL: database.url, OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'educube-ingest' });
    expect(running.identity.schools.has(ownSchool)).toBe(true);
  });
  afterAll(async () => {
    await running?.close();
    await database?.drop();
  });

  it('refuses a request without a token with 401, storing nothing', async () => {
    const before = await counts(database.db);
    const reply = await post(running.url, json([lesson({ subject: ownSchool })]));
    record('no bearer token', reply);
    expect(reply.status).toBe(401);
    expect(reply.json.problems).toEqual([expect.objectContaining({ path: '/headers/authorization', rule: 'bearer-token' })]);
    expect(await counts(database.db)).toEqual(before);
  });

  it("refuses an officer's token (the gateway's login) with 403: people read the warehouse, only school systems send to it", async () => {
    const officer = await token({
      grant_type: 'password',
      client_id: 'educube-gateway',
      client_secret: 'dev-gateway-secret',
      username: 'officer.haishu',
      password: 'Passw0rd!',
      scope: 'openid',
    });
    const before = await counts(database.db);
    const reply = await post(running.url, json([lesson({ subject: ownSchool })]), bearer(officer));
    record('token of an officer (via educube-gateway)', reply);
    expect(reply.status).toBe(403);
    expect(reply.json.problems).toEqual([expect.objectContaining({ path: '/token/realm_access/roles', rule: 'role' })]);
    expect(await counts(database.db)).toEqual(before);
  });

  it("refuses a token for another service (the warehouse's own, for identity) with 401, storing nothing", async () => {
    const forIdentity = await token({ grant_type: 'client_credentials', client_id: 'educube-warehouse', client_secret: 'dev-warehouse-service-secret' });
    const before = await counts(database.db);
    const reply = await post(running.url, json([lesson({ subject: ownSchool })]), bearer(forIdentity));
    record('token of another audience (a service token for identity)', reply);
    expect(reply.status).toBe(401);
    expect(reply.json.problems).toEqual([expect.objectContaining({ path: '/headers/authorization', rule: 'wrong-audience' })]);
    expect(await counts(database.db)).toEqual(before);
  });

  it('refuses a token that is no JWT with 401', async () => {
    const before = await counts(database.db);
    const reply = await post(running.url, json([lesson({ subject: ownSchool })]), bearer('not.a.jwt'));
    record('bearer token that is no JWT', reply);
    expect(reply.status).toBe(401);
    expect(reply.json.problems).toEqual([expect.objectContaining({ path: '/headers/authorization' })]);
    expect(await counts(database.db)).toEqual(before);
  });

  it('accepts an event of its own school', async () => {
    const before = await counts(database.db);
    const reply = await post(running.url, json([lesson({ subject: ownSchool })]), bearer(schoolSystem));
    expect(reply.status).toBe(200);
    expect(reply.json.results?.map((r) => r.status)).toEqual(['accepted']);
    expect(await counts(database.db)).toEqual({ events: before.events + 1, deadLetters: before.deadLetters });
  });

  it("rejects another school's event with rule own-school, keeping it as a dead letter", async () => {
    const other = ownSchool === '3302030002' ? '3302030003' : '3302030002';
    const event = lesson({ subject: other });
    const before = await counts(database.db);
    const reply = await post(running.url, json([event]), bearer(schoolSystem));
    record(`another school's event (${other}, token for ${ownSchool})`, reply);
    expect(reply.status).toBe(200);
    expect(reply.json.results?.[0]).toMatchObject({ status: 'rejected', problems: [{ path: '/subject', rule: 'own-school', value: other }] });
    expect(await counts(database.db)).toEqual({ events: before.events, deadLetters: before.deadLetters + 1 });
    // filed under the sender's school, not the one it named: the claim stays in the reasons
    expect(await lastDeadLetter(database.db)).toMatchObject({
      status: 'rejected',
      school_code: ownSchool,
      reasons: [expect.objectContaining({ rule: 'own-school', value: other })],
    });
    const { rows } = await database.db.query<{ n: string }>('select count(*)::text as n from warehouse.dead_letters where school_code = $1', [other]);
    expect(rows[0]?.n).toBe('0');
  });

  it('keeps an unreadable body from an authenticated sender under its client and school', async () => {
    const before = await counts(database.db);
    const reply = await post(running.url, '{"oops"', bearer(schoolSystem));
    record('not JSON, from an authenticated sender', reply);
    expect(reply.status).toBe(400);
    expect(await counts(database.db)).toEqual({ events: before.events, deadLetters: before.deadLetters + 1 });
    expect(await lastDeadLetter(database.db)).toMatchObject({
      source: 'client:timetabling-system',
      school_code: ownSchool,
      reasons: [expect.objectContaining({ rule: 'json' })],
    });
  });
});
