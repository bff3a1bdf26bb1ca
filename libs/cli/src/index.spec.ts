import { parseCommandLine, usage, type CliSpec } from './index';

const spec: CliSpec = {
  command: 'npm run thing --',
  summary: 'Does the thing.',
  options: {
    port: { type: 'string', value: '<port>', description: 'where to listen' },
    json: { type: 'boolean', description: 'one JSON document' },
    school: { type: 'string', short: 's', multiple: true, value: '<code>', description: 'a school (repeatable)' },
  },
  positionals: '[file]',
  env: { THING_URL: 'where the thing runs' },
  examples: ['npm run thing -- --port 8787 input.ndjson'],
  exitCodes: { 0: 'done', 1: 'failed' },
};

describe('parseCommandLine', () => {
  it('reads flags, short flags, repeated flags and positionals', () => {
    const parsed = parseCommandLine(spec, ['--port', '8787', '--json', '-s', 'a', '--school=b', 'in.ndjson']);
    expect(parsed).toEqual({ kind: 'run', values: { port: '8787', json: true, school: ['a', 'b'] }, positionals: ['in.ndjson'] });
  });

  it.each([[['--help']], [['-h']], [['--port', '1', '--help']], [['--bogus', '--help']]])('answers %j with the usage', (argv) => {
    expect(parseCommandLine(spec, argv)).toEqual({ kind: 'help', text: usage(spec) });
  });

  it('refuses an unknown flag by name, pointing at --help', () => {
    expect(parseCommandLine(spec, ['--bogus'])).toEqual({ kind: 'usage-error', text: "npm run thing: unknown option '--bogus'\nRun with --help for usage." });
    expect(parseCommandLine(spec, ['-x'])).toMatchObject({ kind: 'usage-error', text: expect.stringContaining("unknown option '-x'") });
  });

  it('refuses a flag without its value, and positionals where none are taken', () => {
    expect(parseCommandLine(spec, ['--port'])).toMatchObject({ kind: 'usage-error', text: expect.stringContaining("'--port") });
    const none: CliSpec = { ...spec, positionals: undefined };
    expect(parseCommandLine(none, ['stray'])).toMatchObject({ kind: 'usage-error', text: expect.stringContaining("unexpected argument 'stray'") });
  });

  it('refuses a value for a boolean flag', () => {
    expect(parseCommandLine(spec, ['--json=yes'])).toMatchObject({ kind: 'usage-error' });
  });
});

describe('usage', () => {
  it('says what the command does, each flag, the environment, an example and the exit codes', () => {
    expect(usage(spec)).toBe(
      [
        'Usage: npm run thing -- [options] [file]',
        '',
        'Does the thing.',
        '',
        'Options:',
        '      --port <port>    where to listen',
        '      --json           one JSON document',
        '  -s, --school <code>  a school (repeatable)',
        '  -h, --help           this text',
        '',
        'Environment:',
        '  THING_URL  where the thing runs',
        '',
        'Example:',
        '  npm run thing -- --port 8787 input.ndjson',
        '',
        'Exit codes:',
        '    0  done',
        '    1  failed',
        '    2  bad arguments (this text on stderr)',
      ].join('\n'),
    );
  });

  it('keeps a command’s own meaning of exit code 2 beside the bad-arguments one', () => {
    expect(usage({ ...spec, exitCodes: { 0: 'in sync', 2: 'drift found, or bad arguments' } })).toContain('    2  drift found, or bad arguments');
  });
});
