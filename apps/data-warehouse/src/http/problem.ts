import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { IdentityUnavailable } from '@educube/identity-client';
import { TokenError } from '@educube/oidc';
import type { FastifyReply } from 'fastify';

export interface ProblemItem {
  readonly path: string;
  readonly rule: string;
  /** the value refused, where the refusal has one */
  readonly value?: unknown;
  readonly message?: string;
}

/** A refusal of the whole request (RFC 9457 problem details); per-event outcomes are results, not problems. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly problems: readonly ProblemItem[] = [],
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

const TYPE_BASE = 'https://educube.example/problems/';
const slug = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('warehouse-api');

  catch(error: unknown, host: ArgumentsHost): void {
    let body: { type: string; title: string; status: number; detail: string; problems: readonly ProblemItem[] };
    if (error instanceof Problem) body = { type: `${TYPE_BASE}${slug(error.title)}`, title: error.title, status: error.status, detail: error.message, problems: error.problems };
    else if (error instanceof TokenError) body = { type: `${TYPE_BASE}unauthenticated`, title: 'Unauthenticated', status: 401, detail: error.message, problems: [{ path: 'authorization', rule: error.code, value: null }] };
    else if (error instanceof IdentityUnavailable) body = { type: `${TYPE_BASE}unavailable`, title: 'Unavailable', status: 503, detail: `who may see which school is identity's to say, and it did not answer: ${error.message}`, problems: [{ path: 'identity', rule: 'available', value: null } as ProblemItem] };
    else if (error instanceof HttpException) body = { type: `${TYPE_BASE}http-${error.getStatus()}`, title: error.name, status: error.getStatus(), detail: error.message, problems: [] };
    else {
      this.logger.error(`request failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
      body = { type: `${TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'the data warehouse failed; see its log', problems: [] };
    }
    void host.switchToHttp().getResponse<FastifyReply>().status(body.status).header('content-type', 'application/problem+json').send(body);
  }
}
