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
import { writeFileSync } from 'node:fs';
import { startCapture, type Capture } from './capture';
import { exitCodeOf, summaryLine, verdictLines, type Summary } from './report';

export const CONFORMANCE_USAGE = `usage: educube-conformance [--port 8787] [--host 127.0.0.1] [--count N] [--timeout seconds] [--json] [--out file] [--school <code>[,…]] [--now <ISO time>]

Starts a capture endpoint at http://<host>:<port>/v1/events answering as the EduCube hub does
(HTTP binary, structured and batch CloudEvents). Point your emitter at it; the run ends after
--count events, --timeout seconds, or Ctrl-C, and prints a report per event (--json: one JSON
document; --out: also written to a file). Exit: 0 all accepted, 1 some refused, 2 a request
refused whole or no events.`;

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

export function parseConformanceArgs(argv: readonly string[]): ConformanceArgs {
  const args: { -readonly [K in keyof ConformanceArgs]: ConformanceArgs[K] } = { port: 8787, host: '127.0.0.1', json: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[(i += 1)];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} ${v} is not a whole number`);
      return n;
    };
    if (a === '--port') args.port = int(value());
    else if (a === '--host') args.host = value();
    else if (a === '--count') args.count = int(value());
    else if (a === '--timeout') args.timeoutSeconds = int(value());
    else if (a === '--json') args.json = true;
    else if (a === '--out') args.out = value();
    else if (a === '--now') {
      const v = value();
      args.now = new Date(v);
      if (Number.isNaN(args.now.getTime())) throw new Error(`--now ${v} is not a time (ISO 8601 expected)`);
    }
    else if (a === '--school' || a === '--schools') args.schools = value().split(',').map((s) => s.trim()).filter(Boolean);
    else throw new Error(`unknown option ${a}`);
  }
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
  const summary: Summary = { events: capture.events.length, valid: capture.events.filter((e) => e.ok).length, invalid: capture.events.filter((e) => !e.ok).length, unreadable: capture.refused.length };
  return { url: capture.url, requests: capture.requests, requestsWithoutToken: capture.withoutToken, events: capture.events, refusedRequests: capture.refused, byBinding, summary, exitCode: exitCodeOf(summary) };
}

export function reportText(r: ConformanceReport): string {
  const lines = [`conformance report for ${r.url}: ${r.requests} request(s)`];
  for (const e of r.events) lines.push(...verdictLines(e));
  for (const u of r.refusedRequests) lines.push(`request refused whole [${u.binding}] ${u.rule}: ${u.message}`);
  if (r.requestsWithoutToken > 0) lines.push(`note: ${r.requestsWithoutToken} request(s) had no 'authorization: Bearer <token>' header; the hub answers those 401`);
  lines.push(`bindings: ${Object.entries(r.byBinding).map(([b, n]) => `${b} ${n}`).join(', ') || 'none'}`);
  lines.push(summaryLine(r.summary));
  return lines.join('\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${CONFORMANCE_USAGE}\n`);
    return 0;
  }
  let args: ConformanceArgs;
  try {
    args = parseConformanceArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${CONFORMANCE_USAGE}\n`);
    return 2;
  }
  const capture = await startCapture({
    port: args.port,
    host: args.host,
    ...(args.schools ? { schools: args.schools } : {}),
    ...(args.now ? { now: () => args.now as Date } : {}),
    ...(args.json ? {} : { onEvent: (v) => process.stderr.write(`${verdictLines(v).join('\n')}\n`) }),
  });
  process.stderr.write(`capturing at ${capture.url} (POST CloudEvents here; ${args.count !== undefined ? `ends after ${args.count} events, ` : ''}${args.timeoutSeconds !== undefined ? `after ${args.timeoutSeconds} s, ` : ''}or Ctrl-C)\n`);
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
