import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/** One JSON object per line on stdout: what log shippers (Loki, ELK, CloudWatch) ingest as-is. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Routes NestJS's own messages (module init, routes, errors) into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}

/** An incoming request id is kept only if short and of safe characters: it lands in log lines and a response header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's `x-request-id` when it is safe to echo and log, else a new UUID. */
export function requestIdOf(header: string | readonly string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Probes and scrapes run every few seconds: their lines are debug, so info shows callers' requests. */
export const isQuietRoute = (url: string): boolean => url === '/metrics' || url.startsWith('/health/');

/** The fields of a request's one log line: no token, no query string, no body (they may hold personal data). */
export interface RequestLogLine {
  event: 'http.request';
  requestId: string;
  method: string;
  /** the route's pattern (`/v1/schools/:code`), not the URL: bounded, and without the ids in it */
  route: string;
  status: number;
  durationMs: number;
  /** the verified token's subject, when there was one */
  actor?: string;
  traceId?: string;
}
