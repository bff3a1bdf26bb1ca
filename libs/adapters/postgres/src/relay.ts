import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to a server, which a test can cut and open again: cut, every connection through it
 * is reset and new ones are refused, as when PostgreSQL stops; opened, it relays again on the
 * same port, as after the restart. Lets one process's view of a database go away without
 * touching the server other tests share.
 */
export interface TcpRelay {
  readonly port: number;
  /** `url` with its host and port replaced by the relay's */
  through(url: string): string;
  cut(): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function tcpRelay(target: { host: string; port: number }, { open = true } = {}): Promise<TcpRelay> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const relay: TcpRelay = {
    port,
    through(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async open() {
      if (server) return;
      const listening = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve, reject) => listening.once('error', reject).listen(port, '127.0.0.1', resolve));
      server = listening;
    },
    async cut() {
      const closing = server;
      server = undefined;
      for (const s of sockets) s.resetAndDestroy();
      sockets.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    close: () => relay.cut(),
  };
  if (open) await relay.open();
  return relay;
}
