import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Allow } from '@educube/service-kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';
import { LiveFeed, type LiveKind } from '../live';
import { Alert, IngestionCounters, SchoolStandingChange, StandingChange } from '../types/viewer.types';
import { OFFICER_ROLES, PEOPLE } from '../visibility';

const LIVE_SCOPE = 'officers: a region within their own (any other reads as no such region); every event is of that region, alerts checked school by school';

@Resolver()
export class SubscriptionResolver {
  constructor(@Inject(LiveFeed) private readonly live: LiveFeed) {}

  /** The region must be visible when subscribing; events are that region's only, and each alert's school is checked again. */
  private async open(ctx: GatewayContext, kind: LiveKind, region: string) {
    const view = await ctx.view();
    if (kind === 'school' ? !view.school(region) : !view.region(region)) {
      const what = kind === 'school' ? 'school' : 'region';
      throw new GraphQLError(`no ${what} ${region} is visible to you`, { extensions: { code: 'NOT_FOUND', argument: what, rule: `visible-${what}` } });
    }
    ctx.touched.add(region);
    const channel = this.live.listen(kind, region);
    const field = { ingestion: 'ingestionCounters', standings: 'standingChanged', alerts: 'alertRaised', school: 'schoolStandingChanged' }[kind];
    const visible = (value: unknown): boolean => kind !== 'alerts' || view.school((value as Alert).school) !== undefined;
    return {
      [Symbol.asyncIterator]() {
        return {
          async next(): Promise<IteratorResult<Record<string, unknown>>> {
            for (;;) {
              const r = await channel.next();
              if (r.done) return { value: undefined, done: true };
              if (visible(r.value)) return { value: { [field]: r.value }, done: false };
            }
          },
          return: async (): Promise<IteratorResult<Record<string, unknown>>> => {
            await channel.return();
            return { value: undefined, done: true };
          },
        };
      },
    };
  }

  @Allow(OFFICER_ROLES, LIVE_SCOPE)
  @Subscription(() => IngestionCounters, { description: 'A region’s ingestion counters as they change' })
  ingestionCounters(@Context() ctx: GatewayContext, @Args('region', { type: () => ID }) region: string) {
    return this.open(ctx, 'ingestion', region);
  }

  @Allow(OFFICER_ROLES, LIVE_SCOPE)
  @Subscription(() => StandingChange, { description: 'A region’s verdict distribution under a standard, when it changes (evidence changes of its schools)' })
  standingChanged(@Context() ctx: GatewayContext, @Args('region', { type: () => ID }) region: string) {
    return this.open(ctx, 'standings', region);
  }

  @Allow(PEOPLE, 'officers: a school of their region; school staff: their own school; any other reads as no such school')
  @Subscription(() => SchoolStandingChange, { description: 'A school’s verdicts as its evidence and reviews change them' })
  schoolStandingChanged(@Context() ctx: GatewayContext, @Args('school', { type: () => ID }) school: string) {
    return this.open(ctx, 'school', school);
  }

  @Allow(OFFICER_ROLES, LIVE_SCOPE)
  @Subscription(() => Alert, {
    description: 'Alerts of a region’s schools as they are raised, acknowledged or resolved (the current ones first, on subscribing)',
  })
  alertRaised(@Context() ctx: GatewayContext, @Args('region', { type: () => ID }) region: string) {
    return this.open(ctx, 'alerts', region);
  }
}
