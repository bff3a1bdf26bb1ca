import { Controller, Get, Inject, Query, UseFilters } from '@nestjs/common';
import type { EventStore } from '@educube/event-store';
import { Allow } from '@educube/service-kit';
import { EVENT_STORE } from '../storage/storage';
import { Problem, ProblemFilter } from './problem';

const MAX_LIMIT = 5_000;

/**
 * The accepted events in the store's global order, for services that keep their own
 * projections (assessment): they follow it from their own checkpoint. Only school streams:
 * the store's other streams are the warehouse's own bookkeeping.
 */
@Controller('v1')
@UseFilters(ProblemFilter)
export class FeedController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Allow(['hub_service'], "the hub's own services only (assessment follows it): every school's events")
  @Get('feed')
  async feed(@Query('after') afterText?: string, @Query('limit') limitText?: string) {
    const after = afterText === undefined || afterText === '' ? 0n : /^\d+$/.test(afterText) ? BigInt(afterText) : undefined;
    if (after === undefined) throw new Problem(400, 'Invalid query', `after must be a non-negative integer position, not ${afterText}`, [{ path: 'after', rule: 'position', value: afterText }]);
    const limit = limitText === undefined || limitText === '' ? 1_000 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Problem(400, 'Invalid query', `limit must be an integer from 1 to ${MAX_LIMIT}`, [{ path: 'limit', rule: 'range', value: limitText }]);
    const page = await this.store.readAll(after, limit);
    // next moves past filtered-out events too, so a reader never re-reads them
    const next = page.at(-1)?.position ?? after;
    return {
      events: page.filter((e) => e.streamId.startsWith('school-')).map((e) => ({ position: e.position.toString(), event: e.data })),
      next: next.toString(),
    };
  }
}
