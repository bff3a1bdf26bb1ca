/**
 * The producer kit's conformance run: a capture endpoint speaking the hub's ingestion API
 * (`POST /v1/events`, every HTTP binding) that the vendor points their emitter at. Each event is
 * judged as the hub would and answered as the hub does; at the end (`--count` events, `--timeout`
 * seconds, or Ctrl-C) a per-event report is written.
 *
 *   npm run producer:conformance -- --port 8787 --count 20 --timeout 120 [--json] [--out report.json] [--school 3302030001]
 *
 * Exit 0 every event accepted (or a duplicate), 1 some refused, 2 a whole request refused or no event came.
 */
import { commandLine, parseCommandLine, usage, type CliSpec } from '@educube/cli';
import { writeFileSync } from 'node:fs';
import { startCapture, type Capture } from './capture';
import { lastValue } from './validate';
import { exitCodeOf, summaryLine, verdictLines, type Summary } from './report';

const schoolsFlag = {
  type: 'string',
  value: '<code>[,<code>…]',
  description: 'the schools your client may send for (own-school checked as the hub does)',
} as const;

export const CONFORMANCE_CLI: CliSpec = {
  command: 'npm run producer:conformance --',
  summary:
    'Starts a capture endpoint at http://<host>:<port>/v1/events answering as the EduCube hub does (HTTP\nbinary, structured and batch CloudEvents). Point your emitter at it; the run ends after --count events,\n--timeout seconds, or Ctrl-C, and prints a report per event.',
  options: {
    port: { type: 'string', value: '<port>', description: 'where to listen (default 8787)' },
    host: { type: 'string', value: '<address>', description: 'the address to listen on (default 127.0.0.1)' },
    count: { type: 'string', value: '<n>', description: 'end after this many events' },
    timeout: { type: 'string', value: '<seconds>', description: 'end after this long' },
    json: { type: 'boolean', description: 'the report as one JSON document' },
    out: { type: 'string', value: '<file>', description: 'also write the report there (JSON when the name ends in .json)' },
    school: schoolsFlag,
    schools: { ...schoolsFlag, description: 'the same as --school' },
    now: { type: 'string', value: '<ISO time>', description: "a fixed receiver's clock, for reproducible runs (default: the real one)" },
  },
  examples: ['npm run producer:conformance -- --port 8787 --count 20 --timeout 120 --out report.json --school 3302030001'],
  exitCodes: {
    0: 'every event accepted (or a duplicate)',
    1: 'some event refused',
    2: 'a request refused whole or no event came; or bad arguments (usage on stderr)',
  },
};
export const CONFORMANCE_USAGE = usage(CONFORMANCE_CLI);

export interface ConformanceArgs {
  readonly port: number;
  readonly host: string;
  readonly count?: number;
  readonly timeoutSeconds?: number;
  readonly json: boolean;
  readonly out?: string;
  readonly schools?: readonly string[];
  /** A fixed receiver's clock (reproducible runs); default the real one. */
  readonly now?: Date;
}

/** The arguments after --help was handled; a refused line or value throws with the reason. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceArgs {
  const parsed = parseCommandLine(CONFORMANCE_CLI, argv);
  if (parsed.kind !== 'run') throw new Error(parsed.text);
  const { values } = parsed;
  const args: { -readonly [K in keyof ConformanceArgs]: ConformanceArgs[K] } = { port: 8787, host: '127.0.0.1', json: values['json'] === true };
  const int = (flag: string): number | undefined => {
    const v = values[flag];
    if (typeof v !== 'string') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} ${v} is not a whole number`);
    return n;
  };
  args.port = int('port') ?? args.port;
  if (typeof values['host'] === 'string') args.host = values['host'];
  const count = int('count');
  if (count !== undefined) args.count = count;
  const timeout = int('timeout');
  if (timeout !== undefined) args.timeoutSeconds = timeout;
  if (typeof values['out'] === 'string') args.out = values['out'];
  if (typeof values['now'] === 'string') {
    args.now = new Date(values['now']);
    if (Number.isNaN(args.now.getTime())) throw new Error(`--now ${values['now']} is not a time (ISO 8601 expected)`);
  }
  // the last of --school/--schools on the line wins, as it always did
  const schools = lastValue(argv, ['--school', '--schools']);
  if (schools !== undefined)
    args.schools = schools
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return args;
}

export interface ConformanceReport {
  readonly url: string;
  readonly requests: number;
  readonly requestsWithoutToken: number;
  readonly events: Capture['events'];
  readonly refusedRequests: Capture['refused'];
  readonly byBinding: Record<string, number>;
  readonly summary: Summary;
  readonly exitCode: number;
}

export function reportOf(capture: Capture): ConformanceReport {
  const byBinding: Record<string, number> = {};
  for (const e of capture.events) byBinding[e.binding ?? '?'] = (byBinding[e.binding ?? '?'] ?? 0) + 1;
  const summary: Summary = {
    events: capture.events.length,
    valid: capture.events.filter((e) => e.ok).length,
    invalid: capture.events.filter((e) => !e.ok).length,
    unreadable: capture.refused.length,
  };
  return {
    url: capture.url,
    requests: capture.requests,
    requestsWithoutToken: capture.withoutToken,
    events: capture.events,
    refusedRequests: capture.refused,
    byBinding,
    summary,
    exitCode: exitCodeOf(summary),
  };
}

export function reportText(r: ConformanceReport): string {
  const lines = [`conformance report for ${r.url}: ${r.requests} request(s)`];
  for (const e of r.events) lines.push(...verdictLines(e));
  for (const u of r.refusedRequests) lines.push(`request refused whole [${u.binding}] ${u.rule}: ${u.message}`);
  if (r.requestsWithoutToken > 0)
    lines.push(`note: ${r.requestsWithoutToken} request(s) had no 'authorization: Bearer <token>' header; the hub answers those 401`);
  lines.push(
    `bindings: ${
      Object.entries(r.byBinding)
        .map(([b, n]) => `${b} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push(summaryLine(r.summary));
  return lines.join('\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  commandLine(CONFORMANCE_CLI, argv); // --help and a refused line end the process here
  let args: ConformanceArgs;
  try {
    args = parseConformanceArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nRun with --help for usage.\n`);
    return 2;
  }
  const capture = await startCapture({
    port: args.port,
    host: args.host,
    ...(args.schools ? { schools: args.schools } : {}),
    ...(args.now ? { now: () => args.now as Date } : {}),
    ...(args.json ? {} : { onEvent: (v) => process.stderr.write(`${verdictLines(v).join('\n')}\n`) }),
  });
  process.stderr.write(
    `capturing at ${capture.url} (POST CloudEvents here; ${args.count !== undefined ? `ends after ${args.count} events, ` : ''}${args.timeoutSeconds !== undefined ? `after ${args.timeoutSeconds} s, ` : ''}or Ctrl-C)\n`,
  );
  await new Promise<void>((resolve) => {
    if (args.count !== undefined) void capture.waitForEvents(args.count).then(resolve);
    if (args.timeoutSeconds !== undefined) setTimeout(resolve, args.timeoutSeconds * 1000).unref();
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await capture.close();
  const report = reportOf(capture);
  const rendered = args.json ? JSON.stringify(report, null, 2) : reportText(report);
  process.stdout.write(`${rendered}\n`);
  if (args.out) writeFileSync(args.out, args.out.endsWith('.json') ? JSON.stringify(report, null, 2) : `${reportText(report)}\n`);
  return report.exitCode;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`producer-kit: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
