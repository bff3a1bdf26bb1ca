import { z } from 'zod';
import { schoolCode } from '../common';
import type { CloudEvent } from '../envelope';

const position = z.string().regex(/^\d+$/, 'must be a non-negative integer position, as a decimal string (it may exceed 2^53)');

/**
 * An accepted event as the feed carries it: the stored form of its envelope. Loose, so an
 * attribute the store keeps (a trace context) does not break a reader; each reader upcasts.
 */
export const feedEventSchema = z
  .looseObject({
    specversion: z.literal('1.0'),
    id: z.string().min(1),
    source: z.string().min(1),
    type: z.string().min(1),
    time: z.string().min(1),
    subject: schoolCode,
    data: z.unknown(),
  })
  .meta({ id: 'FeedEvent', description: 'an accepted CloudEvent in its stored form' });

/** `GET /v1/feed?after=&limit=` of the data warehouse: accepted school events in the store's global order. */
export const feedPageSchema = z
  .object({
    events: z.array(z.object({ position: position.meta({ description: "the event's position in the store's global order" }), event: feedEventSchema })),
    next: position.meta({ description: 'the position to ask after next time; moves past filtered-out events too' }),
  })
  .meta({ id: 'FeedPage' });

// `?after=` with nothing after it reads as absent, as it always has
const blankAsAbsent = (v: unknown): unknown => (v === '' ? undefined : v);

export const feedQuerySchema = z.object({
  after: z.preprocess(blankAsAbsent, position.optional()).meta({ description: 'the last position already read (0 or absent: from the start)' }),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(5_000).default(1_000)).meta({ description: 'events per page, 1–5000 (default 1000)' }),
});

export interface FeedPage {
  readonly events: readonly { readonly position: string; readonly event: CloudEvent }[];
  readonly next: string;
}
