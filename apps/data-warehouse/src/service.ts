import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';

export const warehouseConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3002),
  /** A postgres:// URL for the stack; unset means the embedded store (issue 4). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Comma-separated host:port list; unset means HTTP ingestion only. */
  KAFKA_BROKERS: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must be a comma-separated list of host:port')
    .optional(),
});

/** Ingestion, the event store and read models (issue 4 fills the modules in). */
export const warehouseService: ServiceDefinition<typeof warehouseConfigSchema> = {
  name: 'data-warehouse',
  configSchema: warehouseConfigSchema,
  imports: () => [],
};
