/**
 * The producer kit's validate command: checks a file (a JSON array of CloudEvents, or NDJSON)
 * or stdin (`-`, read as a stream) exactly as the hub's ingestion would, offline.
 *
 *   npm run producer:validate -- events.ndjson [--json] [--school 3302030001] [--now 2026-09-07T08:00:00Z]
 *
 * Exit 0 every event valid, 1 some event invalid, 2 the input is unreadable (or holds no event).
 */
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { checkEvent } from './check';
import { readEvents } from './read';
import { exitCodeOf, summarise, summaryLine, verdictLines, type EventVerdict, type Unreadable } from './report';

export const VALIDATE_USAGE = `usage: educube-validate <file | -> [--json] [--school <code>[,<code>…]] [--now <ISO time>]

Validates CloudEvents exactly as the EduCube hub's ingestion does (the same rules, paths and
messages). Input: a JSON array of events, or NDJSON (one event per line); - reads stdin.
  --json     one JSON document on stdout: {events, unreadable, summary}
  --school   the schools your client may send for (checks own-school as the hub does with your token)
  --now      the receiver's clock (default: now); events more than 5 min ahead are refused
Exit: 0 all valid, 1 some invalid, 2 unreadable input.`;

export interface ValidateArgs {
  readonly input: string;
  readonly json: boolean;
  readonly schools?: readonly string[];
  readonly now: Date;
}

export class UsageError extends Error {}

export function parseValidateArgs(argv: readonly string[], now = new Date()): ValidateArgs {
  let input: string | undefined;
  let json = false;
  let schools: string[] | undefined;
  let at = now;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[(i += 1)];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--school' || a === '--schools') schools = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--now') {
      const v = value();
      at = new Date(v);
      if (Number.isNaN(at.getTime())) throw new UsageError(`--now ${v} is not a time (ISO 8601 expected)`);
    } else if (a === '-' || !a.startsWith('-')) {
      if (input !== undefined) throw new UsageError(`one input only (got ${input} and ${a})`);
      input = a;
    } else throw new UsageError(`unknown option ${a}`);
  }
  if (input === undefined) throw new UsageError('name a file, or - for stdin');
  return { input, json, now: at, ...(schools ? { schools } : {}) };
}

export interface ValidateResult {
  readonly events: EventVerdict[];
  readonly unreadable: Unreadable[];
}

/** Validates every event of a stream; `onEvent` sees each verdict as soon as it is known. */
export async function validateStream(input: Readable, options: Pick<ValidateArgs, 'now' | 'schools'>, onEvent?: (v: EventVerdict) => void): Promise<ValidateResult> {
  const events: EventVerdict[] = [];
  const unreadable: Unreadable[] = [];
  for await (const item of readEvents(input)) {
    if (item.kind === 'unreadable') {
      unreadable.push({ line: item.line, column: item.column, message: item.message });
      continue;
    }
    const checked = checkEvent(item.raw, { now: options.now, ...(options.schools ? { schools: options.schools } : {}) });
    const verdict: EventVerdict = { index: item.index, line: item.line, id: checked.id, type: checked.type, ok: checked.ok, problems: checked.problems };
    events.push(verdict);
    onEvent?.(verdict);
  }
  return { events, unreadable };
}

/** The command: returns its exit code; writes the report to `out` and complaints to `err`. */
export async function runValidate(argv: readonly string[], io: { stdin: Readable; out: Writable; err: Writable; now?: Date }): Promise<number> {
  let args: ValidateArgs;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out.write(`${VALIDATE_USAGE}\n`);
      return 0;
    }
    args = parseValidateArgs(argv, io.now);
  } catch (error) {
    io.err.write(`${error instanceof Error ? error.message : String(error)}\n${VALIDATE_USAGE}\n`);
    return 2;
  }
  let input: Readable;
  if (args.input === '-') input = io.stdin;
  else {
    // an unreadable file (missing, a directory, no permission) is said before anything is read
    try {
      if ((await stat(args.input)).isDirectory()) throw new Error('it is a directory');
      await access(args.input, constants.R_OK);
    } catch (error) {
      io.err.write(`cannot read ${args.input}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    input = createReadStream(args.input);
  }
  const result = await validateStream(input, args, args.json ? undefined : (v) => io.out.write(`${verdictLines(v).join('\n')}\n`));
  const summary = summarise(result.events, result.unreadable);
  if (summary.events === 0 && summary.unreadable === 0) result.unreadable.push({ line: null, column: null, message: 'no events found in the input' });
  const final = summarise(result.events, result.unreadable);
  if (args.json) io.out.write(`${JSON.stringify({ events: result.events, unreadable: result.unreadable, summary: final, exitCode: exitCodeOf(final) }, null, 2)}\n`);
  else {
    for (const u of result.unreadable) io.err.write(`unreadable: ${u.message}\n`);
    io.out.write(`${summaryLine(final)}\n`);
  }
  return exitCodeOf(final);
}

if (require.main === module) {
  runValidate(process.argv.slice(2), { stdin: process.stdin, out: process.stdout, err: process.stderr }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`producer-kit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
