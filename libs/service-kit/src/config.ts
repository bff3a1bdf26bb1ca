import { z } from 'zod';

/** Thrown at start when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly { variable: string; message: string; value: string | undefined }[],
  ) {
    super(
      `invalid configuration for ${service}:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message} (got ${p.value === undefined ? 'nothing' : JSON.stringify(p.value)})`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Settings every service shares; each service extends this with its own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long in-flight requests get to finish after SIGTERM before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /**
   * Development only: start without OIDC_ISSUER. Nothing opens: every route but the public
   * ones (health, metrics) then answers 401. Refused under NODE_ENV=production.
   */
  ALLOW_NO_ISSUER: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Parse every JSON answer of a route with a documented success schema before it is sent, and
   * answer 500 on a mismatch. Unset: on under NODE_ENV=test (Jest), off otherwise. Refused under
   * NODE_ENV=production, where a drifted schema must not turn answers into errors.
   */
  CHECK_RESPONSES: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Requests per minute one caller (token subject, or address when anonymous) may make. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6_000),
  /** A request, body included, must arrive within this; a slow body is cut off (408). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /**
   * Serve /metrics on this port only (a NetworkPolicy can then open it to monitoring alone); the
   * main port answers 404 for it. Unset: /metrics on the main port (development, embedded).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** `otlp` exports traces over OTLP/HTTP; `none` (the default) leaves the API's no-op tracer. */
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp']).default('none'),
  /** The collector's base URL (traces go to <it>/v1/traces); default http://localhost:4318. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The full traces URL, when it is not <endpoint>/v1/traces. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** The exporter speaks OTLP/HTTP with JSON bodies; every collector (and Jaeger, Tempo) takes it. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.literal('http/json', 'only http/json is supported (the OTLP/HTTP JSON exporter is installed)').optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.literal('http/json', 'only http/json is supported (the OTLP/HTTP JSON exporter is installed)').optional(),
  /** The service.name of exported spans; default the service's own name. */
  OTEL_SERVICE_NAME: z.string().min(1).max(128).optional(),
});

/** 0 asks the OS for a free port (tests). */
export const portSchema = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/**
 * Validates the environment against a service's schema and lists every bad variable at
 * once, so an operator fixes a deployment in one pass instead of one restart per typo.
 */
export function loadConfig<S extends z.ZodObject>(service: string, schema: S, env: Readonly<Record<string, string | undefined>>): z.infer<S> {
  // An empty variable (FOO= in a compose file or a shell) means "not set", as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      return { variable, message: issue.message, value: env[variable] };
    }),
  );
}
