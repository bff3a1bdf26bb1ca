import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStore } from '@educube/event-store';
import { feedPageSchema, feedQuerySchema, type FeedPage } from '@educube/contracts';
import { Allow, Api, ZodQuery } from '@educube/service-kit';
import type { z } from 'zod';
import { EVENT_STORE } from '../storage/storage';

/**
 * The accepted events in the store's global order, for services that keep their own
 * projections (assessment): they follow it from their own checkpoint. Only school streams:
 * the store's other streams are the warehouse's own bookkeeping.
 */
@Controller('v1')
export class FeedController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Allow(['hub_service'], "the hub's own services only (assessment follows it): every school's events")
  @Api({ summary: "accepted school events in the store's global order, after a position", response: feedPageSchema })
  @Get('feed')
  async feed(@ZodQuery(feedQuerySchema) query: z.output<typeof feedQuerySchema>): Promise<FeedPage> {
    const after = BigInt(query.after ?? '0');
    const page = await this.store.readAll(after, query.limit);
    // next moves past filtered-out events too, so a reader never re-reads them
    const next = page.at(-1)?.position ?? after;
    return {
      events: page
        .filter((e) => e.streamId.startsWith('school-'))
        .map((e) => ({ position: e.position.toString(), event: e.data as FeedPage['events'][number]['event'] })),
      next: next.toString(),
    };
  }
}
