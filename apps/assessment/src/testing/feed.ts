import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudEvent } from '@educube/contracts';

/**
 * The warehouse is another app (no import across apps): a tiny server plays its feed
 * (`GET /v1/feed?after=&limit=`), at positions 2, 4, 6… Events can be added while it runs, and
 * `holdAt` makes it a feed still catching up: it serves up to a position and leaves the next
 * request unanswered until `release`, so a spec can look at the service part-way through.
 */
export interface StubFeed {
  readonly url: string;
  readonly requests: string[];
  /** The position of the last event served so far. */
  readonly head: bigint;
  push(...events: CloudEvent[]): void;
  /** Serve events up to `position` only; a request for what follows waits for `release()`. */
  holdAt(position: bigint): void;
  release(): void;
  close(): Promise<void>;
}

export async function startStubFeed(initial: readonly CloudEvent[], pageSize: number): Promise<StubFeed> {
  const feed: { position: string; event: CloudEvent }[] = [];
  const push = (...events: CloudEvent[]) => {
    for (const event of events) feed.push({ position: String((feed.length + 1) * 2), event });
  };
  push(...initial);
  const requests: string[] = [];
  let held: bigint | undefined;
  const waiting: (() => void)[] = [];
  const release = () => {
    held = undefined;
    for (const answer of waiting.splice(0)) answer();
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feed');
    requests.push(url.search);
    if (url.pathname !== '/v1/feed') {
      res.writeHead(404).end();
      return;
    }
    const after = BigInt(url.searchParams.get('after') ?? '0');
    const answer = () => {
      if (res.destroyed) return; // the service stopped while it waited
      const page = feed.filter((e) => BigInt(e.position) > after && (held === undefined || BigInt(e.position) <= held)).slice(0, pageSize);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events: page, next: page.at(-1)?.position ?? after.toString() }));
    };
    if (held !== undefined && after >= held) waiting.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get head() {
      return BigInt(feed.length * 2);
    },
    push,
    holdAt: (position) => {
      held = position;
    },
    release,
    close: () => {
      release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
