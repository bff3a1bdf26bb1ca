import { BatchGatherer } from './gather';

/** A handler whose runs the test finishes by hand, recording what each run was given. */
function controlledRun() {
  const runs: { items: readonly number[]; finish: (error?: Error) => void }[] = [];
  const run = (items: readonly number[]) =>
    new Promise<void>((resolve, reject) => {
      runs.push({ items, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { runs, run };
}

const turn = () => new Promise<void>((r) => setImmediate(r));
// a run ends, its callers settle, the next run starts on the following turn
const nextRun = async () => {
  await turn();
  await turn();
};

describe('BatchGatherer', () => {
  it('puts batches handed over in the same turn into one run, in the order they came', async () => {
    const { runs, run } = controlledRun();
    const g = new BatchGatherer(run, { maxInFlight: 1, maxItems: 100 });
    const settled: string[] = [];
    const a = g.submit([1, 2]).then(() => settled.push('a'));
    const b = g.submit([3]).then(() => settled.push('b'));
    await turn();
    expect(runs.map((r) => r.items)).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]);
    runs[0]?.finish();
    await Promise.all([a, b]);
    expect(settled.sort()).toEqual(['a', 'b']);
    expect({ runs: g.runs, batches: g.batches }).toEqual({ runs: 1, batches: 2 });
  });

  it('lets batches that arrive during a run wait, and takes them together into the next', async () => {
    const { runs, run } = controlledRun();
    const g = new BatchGatherer(run, { maxInFlight: 1, maxItems: 100 });
    const first = g.submit([1]);
    await turn();
    const later = [g.submit([2]), g.submit([3, 4]), g.submit([5])];
    await turn();
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await first;
    await nextRun();
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4, 5]]);
    runs[1]?.finish();
    await Promise.all(later);
  });

  it('never splits a batch, and keeps a run within maxItems unless one batch alone is larger', async () => {
    const { runs, run } = controlledRun();
    const g = new BatchGatherer(run, { maxInFlight: 1, maxItems: 3 });
    const all = [g.submit([1, 2, 3, 4]), g.submit([5, 6]), g.submit([7]), g.submit([8])];
    for (let i = 0; i < 3; i++) {
      await turn();
      runs[i]?.finish();
      await turn();
    }
    await Promise.all(all);
    expect(runs.map((r) => r.items)).toEqual([[1, 2, 3, 4], [5, 6, 7], [8]]);
  });

  it('fails every batch of a failed run with its error, and goes on with the next batches', async () => {
    const { runs, run } = controlledRun();
    const g = new BatchGatherer(run, { maxInFlight: 1, maxItems: 100 });
    const a = g.submit([1]);
    const b = g.submit([2]);
    await turn();
    const c = g.submit([3]);
    runs[0]?.finish(new Error('database away'));
    await expect(a).rejects.toThrow('database away');
    await expect(b).rejects.toThrow('database away');
    await turn();
    expect(runs[1]?.items).toEqual([3]);
    runs[1]?.finish();
    await expect(c).resolves.toBeUndefined();
  });

  it('counts a handler that throws synchronously as a failed run', async () => {
    const g = new BatchGatherer<number>(
      () => {
        throw new Error('sync');
      },
      { maxInFlight: 1, maxItems: 10 },
    );
    await expect(g.submit([1])).rejects.toThrow('sync');
  });

  it('runs up to maxInFlight at once', async () => {
    const { runs, run } = controlledRun();
    const g = new BatchGatherer(run, { maxInFlight: 2, maxItems: 1 });
    const all = [g.submit([1]), g.submit([2]), g.submit([3])];
    await turn();
    await turn();
    expect(runs.map((r) => r.items)).toEqual([[1], [2]]);
    runs[0]?.finish();
    await all[0];
    await nextRun();
    expect(runs.map((r) => r.items)).toEqual([[1], [2], [3]]);
    runs[1]?.finish();
    runs[2]?.finish();
    await Promise.all(all);
  });

  it('refuses limits that would never run anything', () => {
    expect(() => new BatchGatherer(async () => undefined, { maxInFlight: 0, maxItems: 1 })).toThrow(RangeError);
    expect(() => new BatchGatherer(async () => undefined, { maxInFlight: 1, maxItems: 0 })).toThrow(RangeError);
  });
});
