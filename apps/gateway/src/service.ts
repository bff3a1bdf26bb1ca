import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';
import { CockpitModule } from './cockpit/cockpit.module';

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3000),
  /** Health URLs of the other services, shown on the cockpit's status strip. */
  UPSTREAM_HEALTH_URLS: z
    .string()
    .default('identity=http://127.0.0.1:3001,data-warehouse=http://127.0.0.1:3002,assessment=http://127.0.0.1:3003')
    .transform((value, ctx) => {
      const entries = value.split(',').filter(Boolean).map((pair) => pair.split('='));
      const bad = entries.find(([name, url]) => !name || !url || !URL.canParse(url));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `each entry must be name=http://host:port, not "${bad.join('=')}"` });
        return z.NEVER;
      }
      return entries.map(([name, url]) => ({ name: name as string, url: url as string }));
    }),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** GraphQL dashboards and the city data cockpit (later issues); for now the status page. */
export const gatewayService: ServiceDefinition<typeof gatewayConfigSchema> = {
  name: 'gateway',
  configSchema: gatewayConfigSchema,
  imports: (config) => [CockpitModule.forRoot(config.UPSTREAM_HEALTH_URLS)],
};
