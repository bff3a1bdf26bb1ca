import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';

export const assessmentConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3003),
});

/** Indicator evidence and scores from the event streams (issue 5 fills the modules in). */
export const assessmentService: ServiceDefinition<typeof assessmentConfigSchema> = {
  name: 'assessment',
  configSchema: assessmentConfigSchema,
  imports: () => [],
};
