/**
 * Gathers batches handed over concurrently (one per partition, as the consumer delivers them)
 * into fewer, larger runs of one handler: group commit. A partition's batch is small when the
 * consumer keeps up with its producers (a fetch spreads a few hundred records over every
 * partition), and each run of the pipeline pays fixed round trips (identity, the append
 * transaction, receipts). Each caller's promise settles with the run that took its batch, so a
 * partition's offset is still committed only after its own records are durable, and a failed
 * run fails every batch in it (each is then retried or redelivered by its own partition).
 *
 * At most `maxInFlight` runs at once; while they run, new batches wait and go together into
 * the next one. A run starts on the next turn of the event loop, so batches handed over in the
 * same turn (one fetch's partitions) share it.
 */
export class BatchGatherer<T> {
  private readonly queue: { items: readonly T[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** runs started and batches taken, for health and tests */
  runs = 0;
  batches = 0;

  constructor(
    private readonly run: (items: readonly T[]) => Promise<void>,
    private readonly options: { readonly maxInFlight: number; readonly maxItems: number },
  ) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1)
      throw new RangeError(`maxInFlight must be a positive integer, not ${options.maxInFlight}`);
    if (!Number.isInteger(options.maxItems) || options.maxItems < 1) throw new RangeError(`maxItems must be a positive integer, not ${options.maxItems}`);
  }

  /** Resolves once a run that included these items has returned; rejects with that run's error. */
  submit(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startRun();
    });
  }

  private startRun(): void {
    if (this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    // whole batches only, never split: at least one, then as many as fit in maxItems
    const taken = [this.queue.shift() as (typeof this.queue)[number]];
    let size = taken[0]?.items.length ?? 0;
    while (this.queue.length > 0 && size + (this.queue[0]?.items.length ?? 0) <= this.options.maxItems) {
      const next = this.queue.shift() as (typeof this.queue)[number];
      size += next.items.length;
      taken.push(next);
    }
    this.inFlight++;
    this.runs++;
    this.batches += taken.length;
    const items = taken.length === 1 ? (taken[0]?.items ?? []) : taken.flatMap((t) => t.items);
    // a synchronous throw in run is a failed run too; the slot is free before the callers hear
    // back, so the next run is already scheduled when a partition hands over its next batch
    const settle = (outcome: (t: (typeof taken)[number]) => void) => {
      this.inFlight--;
      this.schedule();
      taken.forEach(outcome);
    };
    Promise.resolve()
      .then(() => this.run(items))
      .then(
        () => settle((t) => t.resolve()),
        (error: unknown) => settle((t) => t.reject(error)),
      );
    this.schedule();
  }
}
