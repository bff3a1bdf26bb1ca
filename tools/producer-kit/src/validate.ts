/**
 * The producer kit's validate command: checks a file (a JSON array of CloudEvents, or NDJSON)
 * or stdin (`-`, read as a stream) exactly as the hub's ingestion would, offline.
 *
 *   npm run producer:validate -- events.ndjson [--json] [--school 3302030001] [--now 2026-09-07T08:00:00Z]
 *
 * Exit 0 every event valid, 1 some event invalid, 2 the input is unreadable (or holds no event).
 */
import { parseCommandLine, usage, type CliSpec } from '@educube/cli';
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { checkEvent } from './check';
import { readEvents } from './read';
import { exitCodeOf, summarise, summaryLine, verdictLines, type EventVerdict, type Unreadable } from './report';

const schoolsFlag = {
  type: 'string',
  value: '<code>[,<code>…]',
  description: 'the schools your client may send for (checks own-school as the hub does with your token)',
} as const;

export const VALIDATE_CLI: CliSpec = {
  command: 'npm run producer:validate --',
  summary:
    "Validates CloudEvents exactly as the EduCube hub's ingestion does (the same rules, paths and messages),\noffline. Input: a JSON array of events, or NDJSON (one event per line); - reads stdin.",
  positionals: '<file | ->',
  options: {
    json: { type: 'boolean', description: 'one JSON document on stdout: {events, unreadable, summary}' },
    school: schoolsFlag,
    schools: { ...schoolsFlag, description: 'the same as --school' },
    now: { type: 'string', value: '<ISO time>', description: "the receiver's clock (default: now); events more than 5 min ahead are refused" },
  },
  examples: ['npm run producer:validate -- events.ndjson --school 3302030001', 'my-exporter | npm run producer:validate -- - --json'],
  exitCodes: { 0: 'every event valid', 1: 'some event invalid', 2: 'unreadable input (or no event), or bad arguments (usage on stderr)' },
};
export const VALIDATE_USAGE = usage(VALIDATE_CLI);

export interface ValidateArgs {
  readonly input: string;
  readonly json: boolean;
  readonly schools?: readonly string[];
  readonly now: Date;
}

export class UsageError extends Error {}

/** The arguments after --help was handled; a refused line throws UsageError with the reason. */
export function parseValidateArgs(argv: readonly string[], now = new Date()): ValidateArgs {
  const parsed = parseCommandLine(VALIDATE_CLI, argv);
  if (parsed.kind !== 'run') throw new UsageError(parsed.text);
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one input only (got ${positionals.join(' and ')})`);
  const input = positionals[0];
  if (input === undefined) throw new UsageError('name a file, or - for stdin');
  let at = now;
  if (typeof values['now'] === 'string') {
    at = new Date(values['now']);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--now ${values['now']} is not a time (ISO 8601 expected)`);
  }
  // the last of --school/--schools on the line wins, as it always did
  const schools = lastValue(argv, ['--school', '--schools'])
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { input, json: values['json'] === true, now: at, ...(schools ? { schools } : {}) };
}

/** The value of the last of `flags` on the line (`--flag v` or `--flag=v`). */
export function lastValue(argv: readonly string[], flags: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((a, i) => {
    for (const f of flags) {
      if (a === f) found = argv[i + 1];
      else if (a.startsWith(`${f}=`)) found = a.slice(f.length + 1);
    }
  });
  return found;
}

export interface ValidateResult {
  readonly events: EventVerdict[];
  readonly unreadable: Unreadable[];
}

/** Validates every event of a stream; `onEvent` sees each verdict as soon as it is known. */
export async function validateStream(
  input: Readable,
  options: Pick<ValidateArgs, 'now' | 'schools'>,
  onEvent?: (v: EventVerdict) => void,
): Promise<ValidateResult> {
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
  if (parseCommandLine(VALIDATE_CLI, argv).kind === 'help') {
    io.out.write(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  try {
    args = parseValidateArgs(argv, io.now);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err.write(`${message.includes('Run with --help') ? message : `${message}\nRun with --help for usage.`}\n`);
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
  if (args.json)
    io.out.write(`${JSON.stringify({ events: result.events, unreadable: result.unreadable, summary: final, exitCode: exitCodeOf(final) }, null, 2)}\n`);
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
