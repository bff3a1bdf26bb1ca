/**
 * The simulated province of `npm start`, as its own child process of the launcher: seeds
 * identity with the province's regions, schools and people, then plays each school's systems —
 * a client-credentials token per school from the embedded issuer, batches of CloudEvents to the
 * warehouse's HTTP endpoint — replaying the last few days at EDUCUBE_SIM_RATE and then following
 * the clock. Its exit never stops the hub: the services are useful without it.
 *
 * With EDUCUBE_SIM_LEADERS on (the default), once the history is replayed (the stream's next
 * event lies ahead of the clock) the few leader schools attest Ningxia's documentary items and
 * the review chain accepts them over the assessment's HTTP API (leaders.ts), once per run; the
 * stream goes on meanwhile.
 */
import { batches, eventStream, MATURITY_SPREAD, type Province } from '@educube/simulator';
import { assessmentUrlBeside, attestLeaders, grantedHistory, historyReplayed, leaderSchools, LEADER_STANDARD, rulingsOf } from './leaders';
import { addSummary, chunk, disposition, emptyTally, Pacer, progressLine, sentBySchoolSystems, type Batch, type Tally } from './pacing';
import { province as buildProvince, schoolSystemClients, seedOf, simulationSettings, type SimulationSettings } from './simulation';

type Event = ReturnType<typeof eventStream> extends Iterator<infer E> ? E : never;

const MAX_EVENTS = 1_000;
const MAX_BYTES = 5 * 1024 * 1024;
const PEOPLE_BATCH = 10_000;
const PROGRESS_EVERY_MS = Number(process.env['EDUCUBE_SIM_PROGRESS_MS'] ?? 5_000);
const RETRY_AFTER_MS = Number(process.env['EDUCUBE_SIM_RETRY_MS'] ?? 15_000);
// the assessment refreshes standings every few seconds; the rulings are read once they follow the leaders' attestations
const RULINGS_AFTER_MS = Number(process.env['EDUCUBE_SIM_RULINGS_AFTER_MS'] ?? 30_000);
const PARALLEL_SCHOOLS = 4;

const identityUrl = (process.env['IDENTITY_URL'] ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
const warehouseUrl = (process.env['WAREHOUSE_URL'] ?? 'http://127.0.0.1:3002').replace(/\/$/, '');
// launch.ts passes identity's and the warehouse's addresses; the assessment sits two ports above identity in its layout
const assessmentUrl = (process.env['ASSESSMENT_URL'] ?? assessmentUrlBeside(identityUrl)).replace(/\/$/, '');
const issuerUrl = process.env['OIDC_ISSUER']?.replace(/\/$/, '');
const runSecret = process.env['EDUCUBE_SIM_CLIENT_SECRET'];

let stopping = false;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function log(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), service: 'feeder', msg, ...extra })}\n`);
}

async function problemOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { title?: string; detail?: string };
    return `${res.status} ${body.title ?? ''}${body.detail ? `: ${body.detail}` : ''}`.trim();
  } catch {
    return `${res.status} ${text.slice(0, 200)}`.trim();
  }
}

async function post(url: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body, signal: AbortSignal.timeout(120_000) });
}

/**
 * The registry loader's token (client educube-registry: a province officer's role for identity),
 * as the province's own registry import would hold it.
 */
async function registryToken(): Promise<Record<string, string>> {
  const clientId = process.env['EDUCUBE_REGISTRY_CLIENT_ID'] ?? 'educube-registry';
  const clientSecret = process.env['EDUCUBE_REGISTRY_CLIENT_SECRET'];
  if (!issuerUrl || !clientSecret) throw new Error('seeding identity needs OIDC_ISSUER and EDUCUBE_REGISTRY_CLIENT_SECRET (the registry loader client)');
  const res = await post(
    `${issuerUrl}/token`,
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      resource: 'urn:educube:educube-identity',
    }).toString(),
    'application/x-www-form-urlencoded',
  );
  if (!res.ok) throw new Error(`the issuer refused a token to ${clientId}: ${await problemOf(res)}`);
  return { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
}

/** Identity first: the warehouse checks schools and resolves persons there. Every command is idempotent, so a restart re-sends them harmlessly. */
async function seedIdentity(p: Province): Promise<void> {
  const started = Date.now();
  // one token for the whole seeding; a large province takes longer than its lifetime, so renew per batch
  let auth = await registryToken();
  let authAt = Date.now();
  const fresh = async () => {
    if (Date.now() - authAt > 120_000) {
      auth = await registryToken();
      authAt = Date.now();
    }
    return auth;
  };
  log(
    'info',
    `seeding identity: ${p.regions.length} regions, ${p.counts.schools} schools, ${p.counts.staff} staff and ${p.counts.students} students (${p.counts.peopleCommands} people commands)`,
  );
  const must = async (what: string, res: Promise<Response>) => {
    const r = await res;
    if (!r.ok) throw new Error(`identity refused ${what}: ${await problemOf(r)}`);
    return r;
  };
  await must('the regions', post(`${identityUrl}/v1/org/commands`, JSON.stringify({ commands: p.regionCommands }), 'application/json', await fresh()));
  const imported = (await (
    await must('the registry', post(`${identityUrl}/v1/registry/import?dryRun=false&effectiveOn=${p.effectiveOn}`, p.registryCsv, 'text/csv', await fresh()))
  ).json()) as { summary?: unknown };
  log('info', `registry imported: ${JSON.stringify(imported.summary ?? {})}`);
  let done = 0;
  let lastLog = Date.now();
  for (const commands of batches(p.peopleCommands, PEOPLE_BATCH)) {
    if (stopping) return;
    await must(
      `people commands ${done + 1}–${done + commands.length}`,
      post(`${identityUrl}/v1/people/commands`, JSON.stringify({ commands }), 'application/json', await fresh()),
    );
    done += commands.length;
    if (Date.now() - lastLog > PROGRESS_EVERY_MS) {
      log('info', `seeding identity: ${done} of ${p.counts.peopleCommands} people commands`);
      lastLog = Date.now();
    }
  }
  log('info', `identity seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`, { event: 'feeder.seeded' });
}

/** Client-credentials tokens per school, reused until shortly before they expire. */
class Tokens {
  private readonly cache = new Map<string, { token: string; until: number }>();
  private readonly secrets: Map<string, { clientId: string; clientSecret: string }>;

  constructor(schoolCodes: readonly string[]) {
    this.secrets = new Map(runSecret && issuerUrl ? schoolSystemClients(schoolCodes, runSecret).map((c) => [c.schoolCodes[0] ?? '', c]) : []);
  }

  /** undefined when the run has no issuer: the warehouse is then open. */
  async for(schoolCode: string): Promise<string | undefined> {
    const client = this.secrets.get(schoolCode);
    if (!client || !issuerUrl) return undefined;
    const cached = this.cache.get(schoolCode);
    if (cached && cached.until > Date.now()) return cached.token;
    const res = await post(
      `${issuerUrl}/token`,
      new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
      'application/x-www-form-urlencoded',
    );
    if (!res.ok) throw new Error(`the issuer refused a token to ${client.clientId}: ${await problemOf(res)}`);
    const body = (await res.json()) as { access_token: string; expires_in?: number };
    this.cache.set(schoolCode, { token: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 30) * 1000 });
    return body.access_token;
  }

  forget(schoolCode: string): void {
    this.cache.delete(schoolCode);
  }
}

/** Once the standings follow the leaders' attestations, the first leader's district's Ningxia rulings, as the province officer reads them. */
async function logRulings(school: Province['schools'][number]): Promise<void> {
  await sleep(RULINGS_AFTER_MS);
  try {
    const r = await rulingsOf({ assessmentUrl, issuerUrl: issuerUrl as string, runSecret: runSecret as string }, school, school.regionCode);
    for (const d of r.districts) {
      log(
        'info',
        `Ningxia region rulings ${r.year}, district ${d.district}: ${d.cultivated} schools rated, ${d.places} three-star places (第十一条), ${d.threeStarByScore} three-star by their sheets, held back ${d.heldBack.length ? d.heldBack.join(', ') : 'none'}; lowered by 第十四条 ${d.downgraded.length ? d.downgraded.join(', ') : 'none'}`,
        { event: 'feeder.rulings', ...d, schools: undefined },
      );
    }
  } catch (e) {
    log('warn', `Ningxia region rulings: ${(e as Error).message}`);
  }
}

/**
 * The leader schools' Ningxia attestations and their review (leaders.ts), tried again a few
 * times if the assessment refuses or is away; every step already done is skipped on a retry.
 */
async function runLeaders(p: Province, nextEventTime: string | undefined): Promise<void> {
  const schools = leaderSchools(p);
  if (schools.length === 0)
    return log('info', "leaders: no school of the province is in the leaders' band without a quirk; nothing to attest", {
      event: 'feeder.leaders',
      schools: [],
    });
  if (!issuerUrl || !runSecret) return log('warn', 'leaders: attesting needs the embedded issuer (OIDC_ISSUER, EDUCUBE_SIM_CLIENT_SECRET); skipped');
  const started = Date.now();
  log(
    'info',
    `the history is replayed (${nextEventTime ? `the next event, at ${nextEventTime}, is ahead of the clock` : 'the stream has ended'}): leader schools ${schools.map((x) => `${x.code} ${x.name} (maturity ${x.maturity})`).join(', ')} attest ${LEADER_STANDARD}'s documentary items at ${assessmentUrl}, and each level of its review chain accepts them`,
    { event: 'feeder.leaders', schools: schools.map((x) => x.code) },
  );
  for (let attempt = 1; !stopping; attempt++) {
    try {
      const granted = grantedHistory(p, new Date().getUTCFullYear(), schools);
      const outcomes = await attestLeaders({ assessmentUrl, issuerUrl, runSecret, schools, granted });
      log(
        'info',
        `ratings granted before the hub recorded (宁夏 第十四条 reads them): ${granted.length} (school, year) ratings of ${new Set(granted.map((g) => g.school)).size} schools of district ${schools[0]?.regionCode}`,
        { event: 'feeder.granted', ratings: granted.length },
      );
      for (const o of outcomes) {
        const fresh = o.items.filter((i) => i.submitted).length;
        const v = o.verdict;
        const reads =
          v.total !== undefined
            ? `${v.total} points, ${v.stars ?? '?'} stars${v.unmetVeto?.length ? ` (★ items unmet: ${v.unmetVeto.join(', ')})` : ''}`
            : `level ${v.level ?? 'none reached'}`;
        log(
          'info',
          `leader ${o.school} ${o.name}: ${o.items.length} ${o.standard} documentary items attested and accepted (${fresh} submitted now: ${o.items.map((i) => i.itemId).join(', ')}); its ${o.standard} sheet now reads ${reads}`,
          { event: 'feeder.leader', ...o },
        );
      }
      log('info', `leaders attested in ${((Date.now() - started) / 1000).toFixed(1)} s; their standings follow within the assessment's next refresh`, {
        event: 'feeder.leaders.done',
      });
      const first = schools[0];
      if (first) void logRulings(first);
      return;
    } catch (e) {
      if (attempt >= 5) return log('warn', `leaders: gave up after ${attempt} attempts: ${(e as Error).message}`);
      log('warn', `leaders: ${(e as Error).message}; trying again in ${RETRY_AFTER_MS / 1000} s (attempt ${attempt} of 5)`);
      await sleep(RETRY_AFTER_MS);
    }
  }
}

/** Notes the `time` of each event as the pacer pulls it: the last one pulled is the next one due. */
function* watched<E extends { readonly time?: string }>(events: Iterable<E>, pulled: (time: string | undefined) => void): Generator<E> {
  for (const e of events) {
    pulled(e.time);
    yield e;
  }
}

interface Pending extends Batch<Event> {
  attempts: number;
}

async function stream(p: Province, s: SimulationSettings): Promise<void> {
  const from = new Date(Date.now() - s.daysBack * 86_400_000);
  // a year ahead is "for as long as it runs"; the stream is lazy
  // identity was seeded with the registry: the school systems send what they produce, not where their school sits
  let nextEventTime: string | undefined;
  const events = watched(
    sentBySchoolSystems(eventStream(p, { seed: seedOf(s.seed), from, days: s.daysBack + 366, eventsPerSchoolPerDay: s.eventsPerSchoolPerDay })),
    (t) => (nextEventTime = t),
  );
  let leaders: Promise<void> | undefined;
  const pacer = new Pacer(events, { ratePerSecond: s.ratePerSecond, maxBatch: MAX_EVENTS, flushAfterMs: 2_000, now: Date.now });
  const tokens = new Tokens(p.schools.map((x) => x.code));
  const tally: Tally = emptyTally();
  const told = new Set<string>(); // problems already logged once
  let holding: string | undefined;
  let queue: Pending[] = [];
  let lastLog = { at: Date.now(), sent: 0, first: true };
  log(
    'info',
    `streaming ${p.counts.schools} schools' events to ${warehouseUrl}/v1/events from ${from.toISOString().slice(0, 10)} (replay at up to ${s.ratePerSecond} events/s, then following the clock)`,
  );

  /** Sends one school's batches in order; returns what must be tried again (it and all after it). */
  const sendSchool = async (list: Pending[]): Promise<Pending[]> => {
    for (let i = 0; i < list.length; i++) {
      const batch = list[i] as Pending;
      let status: number | undefined;
      let body: unknown;
      let reason = '';
      try {
        const token = await tokens.for(batch.schoolCode);
        const res = await post(
          `${warehouseUrl}/v1/events`,
          JSON.stringify(batch.events),
          'application/cloudevents-batch+json',
          token ? { authorization: `Bearer ${token}` } : {},
        );
        status = res.status;
        if (res.ok) body = await res.json().catch(() => undefined);
        else reason = await problemOf(res);
      } catch (e) {
        reason = (e as Error).message;
      }
      let verdict = disposition(status);
      // a token can expire or its key rotate between fetching and sending: fetch a new one, once
      if (status === 401 && batch.attempts < 1) {
        tokens.forget(batch.schoolCode);
        verdict = 'retry';
      }
      batch.attempts += 1;
      if (verdict === 'done') {
        addSummary(tally, body, batch.events.length);
        if (holding) {
          log('info', `the warehouse takes events again (it answered ${status})`);
          holding = undefined;
        }
        continue;
      }
      if (verdict === 'drop') {
        tally.refused += batch.events.length;
        tally.sent += batch.events.length;
        const key = `${status}`;
        if (!told.has(key)) {
          told.add(key);
          log(
            'warn',
            `the warehouse refused a batch of ${batch.events.length} events from school ${batch.schoolCode}: ${reason} (further refusals with ${status} are only counted)`,
          );
        }
        continue;
      }
      const why = status === 404 ? `the warehouse has no ${warehouseUrl}/v1/events yet (404)` : `the warehouse did not take a batch (${reason || status})`;
      if (holding !== why) {
        holding = why;
        log('warn', `${why}; holding the stream and trying again every ${RETRY_AFTER_MS / 1000} s`);
      }
      return list.slice(i);
    }
    return [];
  };

  for (;;) {
    if (stopping) return;
    let waitMs = 0;
    let done = false;
    if (queue.length === 0) {
      const step = pacer.step();
      queue = step.batches.flatMap((b) => chunk(b.events, MAX_EVENTS, MAX_BYTES).map((events) => ({ schoolCode: b.schoolCode, events, attempts: 0 })));
      waitMs = step.waitMs;
      done = step.done;
    }
    if (queue.length > 0) {
      const bySchool = new Map<string, Pending[]>();
      for (const b of queue) bySchool.set(b.schoolCode, [...(bySchool.get(b.schoolCode) ?? []), b]);
      const groups = [...bySchool.values()];
      const retry: Pending[] = [];
      for (let i = 0; i < groups.length; i += PARALLEL_SCHOOLS) {
        for (const left of await Promise.all(groups.slice(i, i + PARALLEL_SCHOOLS).map(sendSchool))) retry.push(...left);
      }
      queue = retry;
      if (retry.length > 0) waitMs = retry.every((b) => b.attempts === 1 && holding === undefined) ? 0 : RETRY_AFTER_MS;
    }
    const now = Date.now();
    // every few seconds while events flow; when nothing moves (following a quiet clock, or held), now and then
    if (now - lastLog.at >= PROGRESS_EVERY_MS && (tally.sent !== lastLog.sent || now - lastLog.at >= 6 * PROGRESS_EVERY_MS || lastLog.first)) {
      log('info', progressLine(tally, lastLog.sent, now - lastLog.at, pacer.lastTime, now), { event: 'feeder.progress', ...tally });
      lastLog = { at: now, sent: tally.sent, first: false };
    }
    // once the history is in, the leaders attest (in parallel: the stream keeps the clock meanwhile)
    if (s.leaders && !leaders && queue.length === 0 && historyReplayed(nextEventTime, now, done)) leaders = runLeaders(p, done ? undefined : nextEventTime);
    if (done && queue.length === 0) {
      log('info', `the simulated stream has ended: ${progressLine(tally, tally.sent, 0, pacer.lastTime, now)}`);
      await leaders;
      return;
    }
    await sleep(waitMs);
  }
}

async function main(): Promise<void> {
  const settings = simulationSettings(process.env);
  if (!settings.enabled) return log('info', 'the simulated province is off (EDUCUBE_SIM=off)');
  const p = buildProvince(settings);
  const levels = p.schools.filter((x) => x.maturity !== undefined).map((x) => x.maturity as number);
  const [leaderBand, establishedBand] = MATURITY_SPREAD;
  if (levels.length)
    log(
      'info',
      `school maturity ${settings.maturity}: ${levels.filter((m) => m >= leaderBand.from).length} leaders (≥ ${leaderBand.from}), ${levels.filter((m) => m >= establishedBand.from && m < leaderBand.from).length} established (≥ ${establishedBand.from}), ${levels.filter((m) => m < establishedBand.from).length} starters; each school's systems first send a catch-up sync of the school year so far`,
    );
  if (settings.leaders) {
    const leaders = leaderSchools(p);
    log(
      'info',
      leaders.length
        ? `leaders (EDUCUBE_SIM_LEADERS=on): ${leaders.map((x) => `${x.code} (${x.maturity})`).join(', ')} will attest ${LEADER_STANDARD}'s documentary items once the history is replayed`
        : "leaders (EDUCUBE_SIM_LEADERS=on): no school is in the leaders' band without a quirk",
      { event: 'feeder.leaders.chosen', schools: leaders.map((x) => x.code) },
    );
  }
  if (p.quirks)
    log(
      'info',
      `quirks: silent sources ${p.quirks.silent.map((q) => `${q.schoolCode}/${q.family}`).join(', ')} (from the stream's second day at 10:00); bad senders ${p.quirks.badSenders.map((q) => `${q.schoolCode}/${q.family} ${Math.round(q.rate * 100)} %`).join(', ')}`,
      { event: 'feeder.quirks', quirks: p.quirks },
    );
  await seedIdentity(p);
  await stream(p, settings);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    stopping = true;
    process.exit(0);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log('error', `the simulated province stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
