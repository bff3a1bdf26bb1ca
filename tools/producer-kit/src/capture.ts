import { canonicalJson } from '@educube/canonical-json';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalisedEnvelope, type Problem } from '@educube/contracts';
import { binaryEvent, bindingOf, EXPECTED_BINDINGS, HeaderProblem, type HttpBinding } from '@educube/warehouse-ingestion';
import { checkEvent } from './check';
import type { EventVerdict, Unreadable } from './report';

/**
 * The conformance run's capture endpoint: `POST /v1/events` as the hub answers it — every HTTP
 * binding, the same whole-request refusals (400 problem+json naming the rule), and per event
 * `accepted`, `duplicate` (the same id and the same event, as the hub compares them), `conflict`
 * (the same id, a different event) or `rejected` with every problem. Nothing is stored; identity
 * is not asked (`known-school` is not checked) and the token is not verified, only noted.
 */
export interface CaptureOptions {
  readonly port?: number;
  readonly host?: string;
  readonly schools?: readonly string[];
  readonly maxBodyBytes?: number;
  readonly maxBatch?: number;
  readonly now?: () => Date;
  /** Each event as it is judged. */
  readonly onEvent?: (verdict: EventVerdict) => void;
}

export interface Capture {
  readonly url: string;
  readonly events: readonly EventVerdict[];
  /** Whole requests the hub would refuse before reading any event. */
  readonly refused: readonly (Unreadable & { readonly binding: string; readonly rule: string })[];
  /** Requests without `authorization: Bearer …` (the hub answers those 401). */
  readonly withoutToken: number;
  readonly requests: number;
  /** Resolves once `count` events have been judged. */
  waitForEvents(count: number): Promise<void>;
  close(): Promise<void>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The form two copies of an id are compared in: normalised, time as an instant, keys sorted. */
function canonical(raw: unknown): string {
  const e = { ...(normalisedEnvelope(raw as object) as Record<string, unknown>) };
  if (typeof e['time'] === 'string') e['time'] = new Date(e['time']).toISOString();
  return canonicalJson(e);
}

const bindingName = (b: HttpBinding): string =>
  b.mode === 'binary' ? 'http-binary' : b.mode === 'structured' ? 'http-structured' : b.mode === 'batch' ? 'http-batch' : 'http-json-batch';

export async function startCapture(options: CaptureOptions = {}): Promise<Capture> {
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const maxBatch = options.maxBatch ?? 1000;
  const events: EventVerdict[] = [];
  const refused: (Unreadable & { binding: string; rule: string })[] = [];
  const seen = new Map<string, string>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let withoutToken = 0;
  let requests = 0;

  const wake = (): void => {
    for (const w of [...waiters])
      if (events.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type });
    res.end(JSON.stringify(body));
  };
  const problem = (
    res: ServerResponse,
    status: number,
    title: string,
    detail: string,
    p: { path: string; rule: string; value: unknown },
    binding: string,
  ): void => {
    refused.push({ line: null, column: null, message: `${status} ${title}: ${detail}`, binding, rule: p.rule });
    send(res, status, { type: 'about:blank', title, status, detail, problems: [p] }, 'application/problem+json');
  };

  const judge = (raw: unknown, binding: string): { index: number; id: string | null; status: string; problems?: readonly Problem[] } => {
    const checked = checkEvent(raw, { now: now(), ...(options.schools ? { schools: options.schools } : {}) });
    let status = checked.ok ? 'accepted' : 'rejected';
    if (checked.ok && checked.id !== null) {
      const form = canonical(raw);
      const first = seen.get(checked.id);
      if (first === undefined) seen.set(checked.id, form);
      else status = first === form ? 'duplicate' : 'conflict';
    }
    const problems: Problem[] =
      status === 'conflict'
        ? [
            {
              path: '/id',
              rule: 'conflict',
              message:
                'an event with this id was already received with different content; a resend must be byte-for-byte the same event, a changed event needs a new id',
              value: checked.id,
            },
          ]
        : [...checked.problems];
    const verdict: EventVerdict = {
      index: events.length,
      line: null,
      id: checked.id,
      type: checked.type,
      ok: status !== 'rejected' && status !== 'conflict',
      problems,
      binding,
      status,
    };
    events.push(verdict);
    options.onEvent?.(verdict);
    return { index: verdict.index, id: checked.id, status, ...(problems.length ? { problems } : {}) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/v1/events')
      return send(res, 404, { title: 'Not found', detail: 'the capture endpoint answers POST /v1/events only' }, 'application/problem+json');
    if (req.method !== 'POST') return send(res, 405, { title: 'Method not allowed', detail: 'POST /v1/events' }, 'application/problem+json');
    requests += 1;
    if (!/^bearer\s+\S+/i.test(String(req.headers['authorization'] ?? ''))) withoutToken += 1;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    let binding: HttpBinding;
    try {
      binding = bindingOf(req.headers);
    } catch (error) {
      if (error instanceof HeaderProblem)
        return problem(res, 400, 'Invalid body', error.message, { path: '', rule: error.rule, value: error.header }, 'http-binary');
      throw error;
    }
    const name = bindingName(binding);
    if (size > maxBodyBytes)
      return problem(
        res,
        413,
        'Payload too large',
        `the body is ${size} bytes; at most ${maxBodyBytes} per request — split the batch`,
        { path: '', rule: 'max-body-bytes', value: size },
        name,
      );
    if (bytes.length === 0)
      return problem(res, 400, 'Invalid body', 'the body is empty; send a JSON array of CloudEvents', { path: '', rule: 'non-empty', value: null }, name);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return problem(res, 400, 'Invalid body', 'the body is not valid UTF-8', { path: '', rule: 'utf-8', value: null }, name);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return problem(
        res,
        400,
        'Invalid body',
        `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        { path: '', rule: 'json', value: null },
        name,
      );
    }
    let raws: unknown[];
    if (binding.mode === 'binary') raws = [binaryEvent(binding, parsed)];
    else {
      if (!parsed || typeof parsed !== 'object')
        return problem(
          res,
          400,
          'Invalid body',
          'the body must be a JSON array of CloudEvents (or one CloudEvent object)',
          { path: '', rule: 'json-array', value: typeof parsed },
          name,
        );
      if (binding.mode === 'json' && !Array.isArray(parsed))
        return problem(
          res,
          400,
          'Invalid body',
          `a JSON object under content-type ${String(req.headers['content-type'] ?? '(none)')} without ce-* headers is neither CloudEvents binding: ${EXPECTED_BINDINGS}`,
          { path: '', rule: 'cloudevents-binding', value: req.headers['content-type'] ?? null },
          name,
        );
      raws = Array.isArray(parsed) ? parsed : [parsed];
      if (raws.length === 0) return problem(res, 400, 'Invalid body', 'the batch is empty', { path: '', rule: 'non-empty', value: 0 }, name);
      if (raws.length > maxBatch)
        return problem(
          res,
          413,
          'Payload too large',
          `the batch holds ${raws.length} events; at most ${maxBatch} per request`,
          { path: '', rule: 'max-batch', value: raws.length },
          name,
        );
    }
    const results = raws.map((raw) => judge(raw, name));
    const summary = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0, parked: 0 };
    for (const r of results) summary[r.status as keyof typeof summary] += 1;
    send(res, 200, { summary, results });
    wake();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { title: 'Internal error', detail: error instanceof Error ? error.message : String(error) }, 'application/problem+json');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/v1/events`,
    events,
    refused,
    get withoutToken() {
      return withoutToken;
    },
    get requests() {
      return requests;
    },
    waitForEvents: (count) => (events.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
