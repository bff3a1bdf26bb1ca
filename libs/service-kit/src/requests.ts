import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import type { AuthorizedRequest } from './access';
import { isQuietRoute, type RequestLogLine } from './logger';
import { contextOf, hubTracer, tracingEnabled } from './tracing';

interface Traced {
  educubeSpan?: { span: Span; context: Context };
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Per request: the id echoed as `x-request-id`; with tracing on, a server span (a child of the
 * caller's W3C `traceparent`) active while the handler runs; and one log line at the end.
 */
export function instrumentRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.header('x-request-id', request.id);
    if (tracingEnabled()) {
      const parent = contextOf(one(request.headers.traceparent), one(request.headers.tracestate)) ?? ROOT_CONTEXT;
      const route = request.routeOptions.url;
      const span = hubTracer().startSpan(
        `${request.method} ${route ?? '(no route)'}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, ...(route ? { 'http.route': route } : {}), 'educube.request_id': request.id },
        },
        parent,
      );
      (request as FastifyRequest & Traced).educubeSpan = { span, context: trace.setSpan(parent, span) };
    }
    done();
  });
  // after the body is read (its stream's callbacks run outside any context of ours): the handler
  // is called within done(), so what it starts is a child of the request's span
  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const traced = (request as FastifyRequest & Traced).educubeSpan;
    if (traced) context.with(traced.context, done);
    else done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const traced = (request as FastifyRequest & Traced).educubeSpan;
    const route = request.routeOptions.url ?? '(no route)';
    const line: RequestLogLine = {
      event: 'http.request',
      requestId: request.id,
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    const actor = (request as FastifyRequest & AuthorizedRequest).educubeActor;
    if (actor) line.actor = actor.subject;
    if (traced) {
      line.traceId = traced.span.spanContext().traceId;
      traced.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
      traced.span.end();
    }
    const message = `${request.method} ${route} ${reply.statusCode} ${line.durationMs} ms`;
    if (isQuietRoute(route)) logger.debug(line, message);
    else logger.info(line, message);
    done();
  });
}
