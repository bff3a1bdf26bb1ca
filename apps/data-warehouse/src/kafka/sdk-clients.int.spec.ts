import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LessonTimetabledV1, TOPICS } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore } from '@educube/event-store';
import { actors } from '@educube/oidc/testing';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { schoolStream } from '../ingest/ingestor';
import { EVENT_STORE } from '../storage/storage';
import { BROKERS, groupAtTopicEnds } from '../testing/kafka';
import { startTestWarehouse } from '../testing/warehouse';

// The official CloudEvents SDKs for Python (`cloudevents` on PyPI, kafka-python) and Java
// (io.cloudevents on Maven Central, kafka-clients), run as a vendor's producer would: a child
// process (tools/sdk-clients) sends one event in each mode, HTTP binary and structured to the
// test warehouse, Kafka binary and structured to the real broker. Each event is stored once; its
// resend in the other HTTP mode answers `duplicate`, and its resend in a Kafka mode stores no copy
// and files no dead letter (a conflict would). JavaScript: bindings.api.spec.ts, bindings.int.spec.ts.
// The clients are installed by `bash scripts/setup.sh --sdk-clients` (CI: `--servers` does it too).

const SCHOOL = '3302030001';
const CACHE = process.env['EDUCUBE_CACHE'] ?? join(homedir(), '.cache', 'educube');
const ROOT = join(__dirname, '..', '..', '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Mode = 'http-binary' | 'http-structured' | 'kafka-binary' | 'kafka-structured';
const MODES: Mode[] = ['http-binary', 'http-structured', 'kafka-binary', 'kafka-structured'];
const opposite = (mode: Mode, channel: 'http' | 'kafka'): Mode => `${channel}-${mode.endsWith('binary') ? 'structured' : 'binary'}` as Mode;

interface Client {
  readonly language: string;
  readonly installed: string;
  readonly command: (args: string[]) => [string, string[]];
}
const CLIENTS: Client[] = [
  {
    language: 'Python',
    installed: join(CACHE, 'sdk-python', 'bin', 'python'),
    command: (args) => [join(CACHE, 'sdk-python', 'bin', 'python'), [join(ROOT, 'tools', 'sdk-clients', 'python', 'send.py'), ...args]],
  },
  {
    language: 'Java',
    installed: join(CACHE, 'sdk-java', 'educube-sdk-client.jar'),
    command: (args) => ['java', ['-jar', join(CACHE, 'sdk-java', 'educube-sdk-client.jar'), ...args]],
  },
];

describe('the official CloudEvents SDKs for Python and Java, over HTTP and real Kafka', () => {
  const groupId = `warehouse-sdk-clients-${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'educube-sdk-clients-'));
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let store: EventStore;

  beforeAll(async () => {
    await groupAtTopicEnds(groupId, 'sdk-clients-test');
    database = await freshDatabase('educube_kafka_sdk_clients');
    running = await startTestWarehouse({ DATABASE_URL: database.url, KAFKA_BROKERS: BROKERS.join(','), KAFKA_GROUP_ID: groupId });
    store = running.app.get<EventStore>(EVENT_STORE);
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A contract-valid event as a JSON file; the SDKs' `partitionkey` names the school, as their
   * Kafka key. `datacontenttype` is set as the JavaScript SDK sets it by default: without it the
   * Python SDK's HTTP binary mode gives no `content-type`, and `urllib` then sends its own
   * `application/x-www-form-urlencoded`, which the hub refuses as the event's datacontenttype.
   * (With no content-type at all the hub takes the data as JSON: `http/bindings.api.spec.ts`.)
   */
  function eventFile(): { id: string; file: string } {
    const event = {
      ...anEvent(LessonTimetabledV1, {}, { subject: SCHOOL, time: '2026-09-07T08:00:00+08:00' }),
      datacontenttype: 'application/json',
      partitionkey: SCHOOL,
    };
    const file = join(dir, `${event.id}.json`);
    writeFileSync(file, JSON.stringify(event));
    return { id: event.id, file };
  }

  /** Runs the client; HTTP modes answer the warehouse's per-event status, Kafka modes the broker's acknowledgement. */
  async function send(client: Client, mode: Mode, file: string): Promise<string> {
    if (!existsSync(client.installed))
      throw new Error(
        `The ${client.language} CloudEvents SDK client is not installed (${client.installed} is missing): run \`bash scripts/setup.sh --sdk-clients\``,
      );
    const target = mode.startsWith('http') ? ['--token', await running.issuer.token(actors.schoolSystem(SCHOOL))] : ['--topic', TOPICS.timetabling];
    const [command, args] = client.command([mode, mode.startsWith('http') ? `${running.url}/v1/events` : BROKERS.join(','), ...target, '--event', file]);
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${client.language} ${mode} failed (${error.message.split('\n')[0]}):\n${stdout}\n${stderr}`)) : resolve({ stdout }),
      ),
    );
    if (!mode.startsWith('http')) return 'sent';
    const [status, ...body] = stdout.trim().split('\n');
    expect(status).toBe('200');
    return (JSON.parse(body.join('\n')) as { results: { status: string }[] }).results[0]?.status ?? 'none';
  }

  const storedCopies = async (id: string) => (await store.readStream(schoolStream(SCHOOL))).filter((e) => e.id === id).length;
  async function eventuallyStored(id: string): Promise<number> {
    for (let i = 0; i < 240; i++) {
      const n = await storedCopies(id);
      if (n > 0) return n;
      await sleep(250);
    }
    return 0;
  }
  const deadLettersOf = async (id: string) => {
    const { deadLetters } = (await (await running.get(`/v1/dead-letters?school=${SCHOOL}&limit=500`, actors.schoolSystem(SCHOOL))).json()) as {
      deadLetters: { eventId: string }[];
    };
    return deadLetters.filter((l) => l.eventId === id).length;
  };

  describe.each(CLIENTS)('$language', (client) => {
    it.each(MODES)('%s: stored once; resent over HTTP it is a duplicate, over Kafka it stores nothing more', async (mode) => {
      const event = eventFile();
      if (mode.startsWith('http')) expect(await send(client, mode, event.file)).toBe('accepted');
      else await send(client, mode, event.file);
      expect(await eventuallyStored(event.id)).toBe(1);

      expect(await send(client, opposite(mode, 'http'), event.file)).toBe('duplicate');

      // a Kafka resend, then a marker on the same key (same partition, so consumed after it)
      const kafkaMode = opposite(mode, 'kafka');
      await send(client, kafkaMode, event.file);
      const marker = eventFile();
      await send(client, kafkaMode, marker.file);
      expect(await eventuallyStored(marker.id)).toBe(1);
      expect(await storedCopies(event.id)).toBe(1);
      expect(await deadLettersOf(event.id)).toBe(0);
    });
  });
});
