import { parseArgs } from 'node:util';

/** One flag: node:util's option config plus the line the usage text shows for it. */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** shown after the flag, e.g. `<port>` */
  readonly value?: string;
  readonly description: string;
}

export interface CliSpec {
  /** how it is run, e.g. `npm run identity:reconcile --` */
  readonly command: string;
  /** what it does, a few sentences */
  readonly summary: string;
  readonly options?: Readonly<Record<string, CliOption>>;
  /** the positional arguments as the synopsis shows them, e.g. `<file | ->`; none when unset */
  readonly positionals?: string;
  /** environment variables it reads, by name */
  readonly env?: Readonly<Record<string, string>>;
  readonly examples: readonly string[];
  /** exit code -> meaning; 0 and 2 (bad arguments) are the convention of every entry */
  readonly exitCodes: Readonly<Record<number, string>>;
}

export type CliValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export type CliParse =
  | { readonly kind: 'run'; readonly values: CliValues; readonly positionals: string[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly text: string };

/** Exit code of a refused command line, as in the shells' own builtins. */
export const USAGE_EXIT = 2;

const flagOf = (name: string, o: CliOption): string => `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;

export function usage(spec: CliSpec): string {
  const options: [string, CliOption][] = [...Object.entries(spec.options ?? {}), ['help', { type: 'boolean', short: 'h', description: 'this text' }]];
  const flags = options.map(([name, o]) => [flagOf(name, o), o.description] as const);
  const width = Math.max(...flags.map(([f]) => f.length));
  const env = Object.entries(spec.env ?? {});
  const envWidth = Math.max(0, ...env.map(([k]) => k.length));
  const codes = Object.entries({ ...spec.exitCodes, [USAGE_EXIT]: spec.exitCodes[USAGE_EXIT] ?? 'bad arguments (this text on stderr)' }).sort(
    ([a], [b]) => Number(a) - Number(b),
  );
  return [
    `Usage: ${spec.command}${spec.options && Object.keys(spec.options).length ? ' [options]' : ''}${spec.positionals ? ` ${spec.positionals}` : ''}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...flags.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    ...(env.length ? ['', 'Environment:', ...env.map(([k, d]) => `  ${k.padEnd(envWidth)}  ${d}`)] : []),
    '',
    spec.examples.length > 1 ? 'Examples:' : 'Example:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    'Exit codes:',
    ...codes.map(([code, meaning]) => `  ${code.padStart(3)}  ${meaning}`),
  ].join('\n');
}

// node:util's messages suggest `--` tricks that no entry supports; say it plainly instead.
function refusal(error: { code?: string; message: string }): string {
  const option = /option '([^']+)'/i.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
  const positional = /Unexpected argument '([^']+)'/i.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional) return `unexpected argument '${positional}'`;
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

const refusalText = (spec: CliSpec, message: string): string => `${spec.command.replace(/ --$/, '')}: ${message}\nRun with --help for usage.`;

/** Parses without side effects: what to run, or the text to print and why. */
export function parseCommandLine(spec: CliSpec, argv: readonly string[]): CliParse {
  const options = Object.fromEntries(
    Object.entries(spec.options ?? {}).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: spec.positionals !== undefined,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
    if (values['help']) return { kind: 'help', text: usage(spec) };
    return { kind: 'run', values: values as CliValues, positionals };
  } catch (error) {
    // --help wins over a mistake elsewhere on the line: whoever typed it wants the text
    if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help', text: usage(spec) };
    const message = refusal(error as { code?: string; message: string });
    return { kind: 'usage-error', text: refusalText(spec, message) };
  }
}

/**
 * The command line of this process, or the process ends: --help prints the usage and exits 0,
 * a refused line prints why and a pointer to --help on stderr and exits 2.
 */
export function commandLine(spec: CliSpec, argv: readonly string[] = process.argv.slice(2)): { values: CliValues; positionals: string[] } {
  const parsed = parseCommandLine(spec, argv);
  if (parsed.kind === 'run') return parsed;
  if (parsed.kind === 'help') {
    process.stdout.write(`${parsed.text}\n`);
    process.exit(0);
  }
  process.stderr.write(`${parsed.text}\n`);
  process.exit(USAGE_EXIT);
}

/** Ends the process as a usage error (exit 2) for a flag value the parser cannot judge. */
export function refuseUsage(spec: CliSpec, message: string): never {
  process.stderr.write(`${refusalText(spec, message)}\n`);
  process.exit(USAGE_EXIT);
}
