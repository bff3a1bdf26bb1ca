import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Identity is another app (no import across apps): a tiny server answering the two questions the
 * assessment asks it, from a fixed tree. `POST /v1/access/visible-schools` `{ principal, asOf? }`
 * → `{ schools }` (an officer sees the schools whose region lies within theirs by the code's
 * prefix, anyone else the schools their token lists) and `GET /v1/schools/:code` →
 * `{ code, regionCode }` or 404. For specs that start the service as deployed (IDENTITY_URL).
 */
export interface StubIdentity {
  readonly url: string;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startStubIdentity(schools: readonly { readonly code: string; readonly regionCode: string }[]): Promise<StubIdentity> {
  const within = (region: string, scope: string): boolean => region.startsWith(scope.replace(/(00)+$/, ''));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://identity').pathname;
    requests.push(`${req.method} ${path}`);
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && path === '/v1/access/visible-schools') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { principal } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          principal: { scope: { kind: string; regionCode?: string; schoolCodes?: string[] } };
        };
        const scope = principal.scope;
        const visible =
          scope.kind === 'region'
            ? schools.filter((s) => within(s.regionCode, scope.regionCode ?? '-'))
            : schools.filter((s) => scope.schoolCodes?.includes(s.code));
        answer(200, { schools: visible.map((s) => s.code).sort() });
      });
      return;
    }
    const code = req.method === 'GET' ? /^\/v1\/schools\/(\d+)$/.exec(path)?.[1] : undefined;
    const found = schools.find((s) => s.code === code);
    if (found) answer(200, { code: found.code, regionCode: found.regionCode });
    else answer(404, { title: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
