import { Controller, Get, HttpCode, HttpStatus, Inject, Injectable, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { z } from 'zod';
import { Public } from './access';
import { Api, type AnswerOf } from './route-spec';

/** A dependency the service cannot serve without (a database, a broker, an issuer). */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * false: reported, but a failure does not make the service unready, for a dependency one of
   * its ways in can do without (the warehouse still takes HTTP batches while its Kafka consumer
   * rejoins). Default true.
   */
  readonly required?: boolean;
  /** Throws when the dependency fails; may answer a line of detail (a consumer's state and lag). */
  check(): Promise<string | void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const SERVICE_INFO = Symbol('SERVICE_INFO');

export interface ServiceInfo {
  readonly name: string;
  readonly version: string;
  readonly startedAt: Date;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready' | 'draining';
  checks: { name: string; ok: boolean; required?: false; detail?: string; error?: string; ms: number }[];
}

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private draining = false;

  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Readiness turns false first, so a load balancer stops routing here before connections close. */
  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  async readiness(timeoutMs = 2_000): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        const started = performance.now();
        const optional = c.required === false ? { required: false as const } : {};
        try {
          const detail = await withTimeout(c.check(), timeoutMs, `${c.name} did not answer within ${timeoutMs} ms`);
          return { name: c.name, ok: true, ...optional, ...(detail ? { detail } : {}), ms: Math.round(performance.now() - started) };
        } catch (e) {
          return { name: c.name, ok: false, ...optional, error: (e as Error).message, ms: Math.round(performance.now() - started) };
        }
      }),
    );
    const status = this.draining ? 'draining' : results.every((r) => r.ok || r.required === false) ? 'ready' : 'not-ready';
    return { status, checks: results };
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const check = z.object({
  name: z.string(),
  ok: z.boolean(),
  required: z.literal(false).optional().meta({ description: 'present (false) when a failure of this check does not make the service unready' }),
  detail: z.string().optional().meta({ description: "the dependency's state in a line, when the check has one to tell" }),
  error: z.string().optional().meta({ description: 'why the check failed (absent when ok)' }),
  ms: z.number().int().min(0).meta({ description: 'how long the check took' }),
});

/** /health/live's answer. */
export const livenessAnswer = z.object({
  status: z.literal('live'),
  service: z.string(),
  version: z.string(),
  uptimeSeconds: z.number().int().min(0),
});

const readiness = (status: z.ZodType<ReadinessReport['status']>) => z.object({ service: z.string(), status, checks: z.array(check) });

/** /health/ready's report: 200 when ready; 503 when a check fails or the service drains. */
export const readinessAnswer = readiness(z.literal('ready'));
export const unreadinessAnswer = readiness(z.enum(['not-ready', 'draining']));

@Controller('health')
@Public('probes: liveness and readiness name no school and no person')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  /** Liveness: the process answers. Deliberately checks no dependency, so an outage elsewhere never restarts it. */
  @Api({ summary: 'liveness: the process answers', response: livenessAnswer })
  @Get('live')
  @HttpCode(200)
  live(): AnswerOf<typeof livenessAnswer> {
    return {
      status: 'live',
      service: this.info.name,
      version: this.info.version,
      uptimeSeconds: Math.round((Date.now() - this.info.startedAt.getTime()) / 1000),
    };
  }

  // a 503 here is the report itself, not an error: probes and operators read the checks
  @Api({
    summary: "readiness: each dependency's check",
    response: { schema: readinessAnswer, description: 'every check passed' },
    responses: [
      { status: 503, schema: unreadinessAnswer, description: 'a check failed, or the service drains: the same report, read by probes and operators' },
    ],
  })
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) reply: { code(status: number): unknown },
  ): Promise<AnswerOf<typeof readinessAnswer> | AnswerOf<typeof unreadinessAnswer>> {
    const report = await this.health.readiness();
    if (report.status !== 'ready') reply.code(HttpStatus.SERVICE_UNAVAILABLE);
    return { service: this.info.name, ...report };
  }
}
