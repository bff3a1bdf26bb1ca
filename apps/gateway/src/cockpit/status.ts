import { z } from 'zod';

const figure = z.number().nullable().meta({ description: 'null when the warehouse did not give it' });
const flow = { accepted: z.number(), rejects: z.number(), parked: z.number() };

const ingestionSummary = z.object({
  available: z.literal(true),
  storedEvents: figure,
  totals: z.object({ accepted: figure, duplicates: figure, conflicts: figure, deadLetters: figure, parked: figure, eventsPerMinute: figure }),
  lastEventTime: z.string().nullable().meta({ description: 'the latest `time` of an accepted event, over every source' }),
  families: z.array(z.object({ family: z.string(), ...flow })),
  // the strip is public: per-school figures are for signed-in officers (GraphQL)
  schools: z
    .array(z.object({ schoolCode: z.string(), ...flow, lastEventTime: z.string().nullable() }))
    .max(0)
    .meta({ description: 'always empty here: the status strip is public and names no school' }),
});

const ingestionStatus = z.discriminatedUnion('available', [
  ingestionSummary,
  z.object({ available: z.literal(false), reason: z.string().meta({ description: 'why the warehouse could not be read' }) }),
]);

/** `GET /api/status`: what the cockpit's status strip polls. */
export const statusAnswer = z.object({
  gateway: z.literal('ready'),
  services: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      ready: z.boolean().meta({ description: "the upstream's /health/ready answered 2xx" }),
      detail: z.unknown().meta({ description: "the upstream's readiness report as it answered, or why it could not be asked" }),
    }),
  ),
  ingestion: ingestionStatus,
});
