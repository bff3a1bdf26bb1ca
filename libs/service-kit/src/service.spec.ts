import { Injectable, Module } from '@nestjs/common';
import { z } from 'zod';
import { baseConfigSchema, portSchema } from './config';
import type { ReadinessCheck } from './health';
import { startService, type RunningService } from './service';

@Injectable()
class FlakyDependency implements ReadinessCheck {
  readonly name = 'flaky-db';
  healthy = true;
  async check(): Promise<void> {
    if (!this.healthy) throw new Error('connection refused');
  }
}

/** A way in the service can do without for a while (a Kafka consumer beside HTTP). */
@Injectable()
class OptionalChannel implements ReadinessCheck {
  readonly name = 'side-channel';
  readonly required = false;
  state: 'consuming' | 'rejoining' = 'consuming';
  async check(): Promise<string> {
    if (this.state !== 'consuming') throw new Error('rejoining its group (attempt 2)');
    return 'consuming; lag 0';
  }
}

@Module({ providers: [FlakyDependency, OptionalChannel], exports: [FlakyDependency, OptionalChannel] })
class DependencyModule {}

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });

describe('startService', () => {
  let service: RunningService<z.infer<typeof schema>>;

  beforeAll(async () => {
    service = await startService(
      { name: 'probe', configSchema: schema, imports: () => [DependencyModule], readiness: [FlakyDependency, OptionalChannel], authenticator: () => undefined },
      { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true' },
    );
  });
  afterAll(() => service.close());

  it('answers liveness with its name and version', async () => {
    const res = await fetch(`${service.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'live', service: 'probe', version: '0.1.0' });
  });

  it('is ready while its dependency answers, and says which dependency failed when not', async () => {
    const ok = await fetch(`${service.url}/health/ready`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'flaky-db', ok: true },
        { name: 'side-channel', ok: true, required: false },
      ],
    });

    service.app.get(FlakyDependency).healthy = false;
    const down = await fetch(`${service.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'not-ready',
      checks: [
        { name: 'flaky-db', ok: false, error: 'connection refused' },
        { name: 'side-channel', ok: true },
      ],
    });
    service.app.get(FlakyDependency).healthy = true;
  });

  it('reports a check that is not required, with its detail, and stays ready when only that one fails', async () => {
    const ok = (await (await fetch(`${service.url}/health/ready`)).json()) as { checks: unknown[] };
    expect(ok.checks[1]).toEqual({ name: 'side-channel', ok: true, required: false, detail: 'consuming; lag 0', ms: expect.any(Number) });
    expect(ok.checks[0]).not.toHaveProperty('required');

    service.app.get(OptionalChannel).state = 'rejoining';
    const degraded = await fetch(`${service.url}/health/ready`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'flaky-db', ok: true },
        { name: 'side-channel', ok: false, required: false, error: 'rejoining its group (attempt 2)' },
      ],
    });
    service.app.get(FlakyDependency).healthy = false;
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(503);
    service.app.get(FlakyDependency).healthy = true;
    service.app.get(OptionalChannel).state = 'consuming';
  });

  it('exposes Prometheus metrics', async () => {
    const res = await fetch(`${service.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/process_cpu_user_seconds_total\{service="probe"\}/);
  });
});

describe('close', () => {
  it('disarms the shutdown deadline once the service has stopped cleanly', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      const running = await startService(
        { name: 'short-grace', configSchema: schema, imports: () => [], authenticator: () => undefined },
        { LOG_LEVEL: 'silent', PORT: '0', SHUTDOWN_GRACE_MS: '50', ALLOW_NO_ISSUER: 'true' },
      );
      await running.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });
});
