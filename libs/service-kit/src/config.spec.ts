import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig, portSchema } from './config';

const schema = baseConfigSchema.extend({ PORT: portSchema(3000), DATABASE_URL: z.url() });

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig('svc', schema, { DATABASE_URL: 'postgres://localhost/x' });
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: 10_000 });
  });

  it('reports every bad variable with its value, not only the first', () => {
    let error: unknown;
    try {
      loadConfig('svc', schema, { PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as Error).message).toContain('PORT');
    expect((error as Error).message).toContain('"abc"');
    expect((error as Error).message).toContain('invalid configuration for svc');
  });

  it.each([['65536'], ['1.5'], ['-1']])('rejects port %s', (port) => {
    expect(() => loadConfig('svc', schema, { PORT: port, DATABASE_URL: 'postgres://h/d' })).toThrow(ConfigError);
  });

  it('treats an empty variable as unset, so defaults apply', () => {
    expect(loadConfig('svc', schema, { PORT: '', DATABASE_URL: 'postgres://h/d' }).PORT).toBe(3000);
  });

  it('names a missing required variable', () => {
    expect(() => loadConfig('svc', schema, {})).toThrow(/DATABASE_URL: .*\(got nothing\)/);
  });
});
