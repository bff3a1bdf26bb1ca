export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/** `[########............] 42% 42,000/100,000 events, 12,345 ev/s, ETA 5 s` (the unit and its rate's abbreviation vary). */
export function progressBar({ done, total, elapsedMs }: Progress, width = 30, unit = 'events', rateUnit = 'ev/s'): string {
  const ratio = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1_000 : 0;
  const eta = rate > 0 ? Math.max(total - done, 0) / rate : 0;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${n(done)}/${n(total)} ${unit}, ${n(rate)} ${rateUnit}, ETA ${Math.ceil(eta)} s`;
}

/**
 * A progress callback for command-line tools: redraws one line on a terminal, and writes a line
 * at most every 2 s (and at the end) when stderr is a file or a CI log. Call `end()` after.
 */
export function progressReporter(
  format: (p: Progress) => string,
  out: NodeJS.WriteStream = process.stderr,
): { report: (p: Progress) => void; end: () => void } {
  let last = -Infinity;
  return {
    report(p) {
      if (out.isTTY) out.write(`\r${format(p)}`);
      else if (p.elapsedMs - last > 2_000 || p.done === p.total) {
        last = p.elapsedMs;
        out.write(`${format(p)}\n`);
      }
    },
    end() {
      if (out.isTTY) out.write('\n');
    },
  };
}
