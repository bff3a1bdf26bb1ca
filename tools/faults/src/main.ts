/**
 * npm run faults -- <scenario> [--events N] [--kills K] [--outage-seconds S]: the fault suite's
 * scenarios with bigger numbers, plus `kills` (SIGKILLs of the warehouse over a long Kafka run)
 * and `broker-outage` (the broker away longer than the client's retry budget). Prints the table.
 */
import { commandLine, refuseUsage, type CliSpec } from '@educube/cli';
import { defaultOutage, FaultSuite, SCENARIO_NAMES, table, type Row } from './scenarios';

const spec: CliSpec = {
  command: 'npm run faults --',
  summary: [
    'Injects one fault (or all of them) into PostgreSQL, Kafka or the warehouse while events flow, on private servers',
    'started for the run (never the shared stack), and prints what happened as a markdown table: produced, distinct,',
    'stored, stored twice, lost, recovery time, what the clients saw, readiness during the fault, exited processes.',
    `Scenarios: ${SCENARIO_NAMES.join(', ')}, all (every one but kills).`,
  ].join('\n'),
  positionals: '<scenario>',
  options: {
    events: { type: 'string', value: '<n>', description: 'distinct events (default 100000; kills: 1000000)' },
    resends: { type: 'string', value: '<n>', description: 'earlier events sent again (default 5% of --events)' },
    kills: { type: 'string', value: '<k>', description: 'SIGKILLs of the warehouse in the kills scenario (default 20)' },
    'outage-seconds': {
      type: 'string',
      value: '<s>',
      description: 'how long the server stays away (default per scenario: 8, broker 10, freeze 18, broker-outage 60)',
    },
    'recovery-limit': { type: 'string', value: '<s>', description: 'hang guard after the fault ends (default 300)' },
  },
  env: { KEYCLOAK_URL: 'the shared Keycloak (default http://127.0.0.1:28080); tokens of its educube realm' },
  examples: ['npm run faults -- pg-restart-http --events 200000', 'npm run faults -- kills --events 1000000 --kills 20', 'npm run faults -- broker-outage'],
  exitCodes: { 0: 'every row: nothing lost, nothing twice, no process exited, recovered', 1: 'a row failed, or the run could not be done' },
};

const { values, positionals } = commandLine(spec);
const scenario = positionals[0];
if (!scenario || positionals.length > 1) refuseUsage(spec, 'name one scenario');
const names = scenario === 'all' ? SCENARIO_NAMES.filter((n) => n !== 'kills') : [scenario];
if (names.some((n) => !(SCENARIO_NAMES as readonly string[]).includes(n))) refuseUsage(spec, `no scenario '${scenario}'`);
const number = (name: string, fallback: number): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) refuseUsage(spec, `--${name} must be a whole number ≥ 0, got '${String(raw)}'`);
  return n;
};

async function main(): Promise<number> {
  const suite = new FaultSuite();
  const rows: Row[] = [];
  const stop = () => {
    void suite.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await suite.start();
    for (const name of names) {
      const events = number('events', name === 'kills' ? 1_000_000 : 100_000);
      const row = await suite.run(name, {
        events,
        resends: number('resends', Math.round(events / 20)),
        kills: number('kills', 20),
        outageSeconds: number('outage-seconds', defaultOutage(name)),
        recoveryLimitSeconds: number('recovery-limit', 300),
        say: (line) => process.stderr.write(`${line}\n`),
      });
      rows.push(row);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await suite.stop();
    if (rows.length) process.stderr.write(`\n${table(rows)}\n\n`);
  }
  const ok =
    rows.length === names.length &&
    rows.every((r) => r.lost === 0 && r.storedTwice === 0 && r.exited.length === 0 && r.recoverySeconds !== null && r.restarts === 0);
  return ok ? 0 : 1;
}

void main().then((code) => process.exit(code));
