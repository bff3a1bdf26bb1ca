import { readFileSync } from 'node:fs';
import { commandLine, refuseUsage, type CliSpec } from '@educube/cli';

/**
 * Where a service's time went, from a V8 CPU profile (`BENCH_CPU_PROF=<dir> npm run bench:ingest`
 * leaves one per service): self time summed by function and by package or source folder.
 *
 *   node -r @swc-node/register tools/bench/src/profile-summary.ts <file.cpuprofile> [--top 30]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** node_modules/<package> (scoped too), a repository folder (libs/x/y, apps/x/src/z), or a V8 category. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return url;
  const repo = /\/((?:apps|libs|tools)\/(?:[^/]+\/){1,3})/.exec(url);
  if (repo?.[1]) return repo[1].replace(/\/$/, '');
  return url.replace(/^.*\//, '');
}

export function summarise(profile: Profile): { totalMs: number; byFunction: [string, number][]; byPlace: [string, number][] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const place = placeOf(frame.url, frame.functionName);
    const fn = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]): [string, number] => [k, v / 1000]);
  return { totalMs: (profile.endTime - profile.startTime) / 1000, byFunction: sorted(byFunction), byPlace: sorted(byPlace) };
}

const spec: CliSpec = {
  command: 'node -r @swc-node/register tools/bench/src/profile-summary.ts',
  summary: "Where a service's time went: self time of a V8 CPU profile by package or source folder, and by function.",
  positionals: '<file.cpuprofile>',
  options: { top: { type: 'string', value: '<n>', description: 'lines per table (default 30)' } },
  examples: ['BENCH_CPU_PROF=/tmp/prof npm run bench:ingest && node -r @swc-node/register tools/bench/src/profile-summary.ts /tmp/prof/warehouse.cpuprofile'],
  exitCodes: { 0: 'printed', 1: 'the file is not a CPU profile' },
};

function main(): void {
  const { values, positionals } = commandLine(spec);
  const file = positionals[0];
  if (!file || positionals.length > 1) refuseUsage(spec, 'give exactly one .cpuprofile');
  const top = Number(values['top'] ?? '30');
  if (!Number.isInteger(top) || top < 1) refuseUsage(spec, `--top must be a positive whole number, not ${String(values['top'])}`);
  const { totalMs, byFunction, byPlace } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const line = ([name, ms]: [string, number]) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)} % ${(ms / 1000).toFixed(2).padStart(8)} s  ${name}`;
  process.stdout.write(
    [
      `${file}: ${(totalMs / 1000).toFixed(1)} s profiled`,
      '',
      'self time by package / folder',
      ...byPlace.slice(0, top).map(line),
      '',
      'self time by function',
      ...byFunction.slice(0, top).map(line),
      '',
    ].join('\n'),
  );
}

if (require.main === module) main();
