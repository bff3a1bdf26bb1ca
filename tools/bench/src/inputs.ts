/** What the benchmarks share of their inputs: settings from the environment, and simulated events. */
import type { CloudEvent } from '@educube/contracts';
import { eventStream, expectedEventCount, type Province } from '@educube/simulator';

/** A positive whole number from the environment, or the fallback; anything else stops the run. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/** The first `n` events of the province's stream from whole days that ended before today. */
export function simulatedEvents(province: Province, seed: string, n: number): CloudEvent[] {
  const lastDay = Date.now() - 2 * 86_400_000;
  let days = 1;
  const fromFor = (d: number) => new Date(lastDay - d * 86_400_000);
  while (expectedEventCount(province, { from: fromFor(days), days }) < n) days += 1;
  const out: CloudEvent[] = [];
  for (const event of eventStream(province, { seed, from: fromFor(days), days })) {
    out.push(event);
    if (out.length >= n) break;
  }
  return out;
}
