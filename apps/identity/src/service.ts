import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';

export const identityConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3001),
  /** Issuer whose tokens this deployment trusts: Keycloak's realm URL in the stack. */
  OIDC_ISSUER: z.url().optional(),
});

/** Unified identity, the organisation tree and single sign-on (issue 3 fills the modules in). */
export const identityService: ServiceDefinition<typeof identityConfigSchema> = {
  name: 'identity',
  configSchema: identityConfigSchema,
  imports: () => [],
};
