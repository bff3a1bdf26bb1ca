import { Controller, Get, HttpCode, Inject, Injectable, Logger, Post, Query, type OnApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor } from '@educube/service-kit';
import {
  envelopeOf,
  HeadcountReportedV1,
  SchoolRegisteredV1,
  toKafkaRecord,
  TOPIC_PARTITIONS,
  TOPICS,
  type CloudEvent,
  type ContractBody,
} from '@educube/contracts';
import { z } from 'zod';
import { assertRegionCode, IdentityError, IdentityErrorCode, schoolsUnder, type IsoDate } from '@educube/identity-domain';
import { KafkaJsAdmin, KafkaJsProducer, type MessageProducer } from '@educube/kafka';
import { Access, dateParam, type Caller, callerOf } from '../auth/access';
import { Problem } from '../http/problem';
import { IdentityState } from '../storage/identity-state';
import { assertValid, rosterEvents } from './roster-events';

export const ROSTER_CONFIG = Symbol('ROSTER_CONFIG');

export interface RosterConfig {
  /** Kafka brokers to publish roster facts to (topic educube.roster.v1); unset: only the read endpoint. */
  readonly kafkaBrokers: readonly string[] | undefined;
}

const PUBLISH_BATCH = 1_000;

// each event as its own contract has it: what the warehouse would take from the topic
const rosterEventsAnswer = z.object({
  asOf: z.iso.date(),
  count: z.number().int(),
  events: z.array(z.discriminatedUnion('type', [envelopeOf(SchoolRegisteredV1), envelopeOf(HeadcountReportedV1)])),
});
const publishAnswer = z.object({ asOf: z.iso.date(), topic: z.literal(TOPICS.roster), published: z.number().int() });

/** Publishes roster facts to the roster topic, keyed by school, as any school system publishes its events. */
@Injectable()
export class RosterPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger('roster-publisher');
  private producer: Promise<MessageProducer> | undefined;

  constructor(@Inject(ROSTER_CONFIG) private readonly config: RosterConfig) {}

  get configured(): boolean {
    return (this.config.kafkaBrokers?.length ?? 0) > 0;
  }

  async publish(events: readonly CloudEvent[]): Promise<void> {
    const producer = await this.connect();
    for (let i = 0; i < events.length; i += PUBLISH_BATCH) {
      await producer.send(TOPICS.roster, events.slice(i, i + PUBLISH_BATCH).map(toKafkaRecord));
    }
    this.logger.log(`published ${events.length} roster events to ${TOPICS.roster}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producer?.catch(() => undefined);
    await producer?.disconnect();
  }

  private connect(): Promise<MessageProducer> {
    const brokers = this.config.kafkaBrokers;
    if (!brokers?.length)
      throw new Problem(409, 'Not configured', 'publishing roster events needs KAFKA_BROKERS; GET /v1/roster/events answers the same facts without Kafka', [
        { path: 'KAFKA_BROKERS', rule: 'configured', value: null },
      ]);
    this.producer ??= (async () => {
      const admin = new KafkaJsAdmin({ brokers, clientId: 'educube-identity' });
      try {
        await admin.ensureTopics([{ topic: TOPICS.roster, partitions: TOPIC_PARTITIONS }]);
      } finally {
        await admin.disconnect();
      }
      const producer = new KafkaJsProducer({ brokers, clientId: 'educube-identity' });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }
}

/**
 * Roster facts for assessment: per school, its registry record and headcounts per stage as of a
 * date. Read here, or published to Kafka for the warehouse to ingest like any other family.
 */
@Controller('v1/roster')
export class RosterController {
  constructor(
    private readonly state: IdentityState,
    private readonly access: Access,
    private readonly publisher: RosterPublisher,
  ) {}

  @Allow(['province_officer', 'city_officer', 'district_officer', 'hub_service'], "officers: their region's schools; services: any")
  @Api({ summary: 'the roster events of the schools the caller may see', response: rosterEventsAnswer, errors: [503] })
  @Get('events')
  async events(@CurrentActor() actor: Actor, @Query('asOf') asOfText?: string, @Query('region') regionText?: string) {
    const caller = callerOf(actor);
    const { asOf, events } = await this.facts(caller, asOfText, regionText);
    return { asOf, count: events.length, events };
  }

  /** Publishes the facts of the region (default the whole tree) as of the date; idempotent by event id. */
  @Allow(['province_officer'], 'province officers only')
  @Post('publish')
  @HttpCode(200)
  @Api({ summary: 'publishes the roster events of a region (default the whole tree) to Kafka', response: publishAnswer, errors: [409, 503] })
  async publish(
    @CurrentActor() actor: Actor,
    @Query('asOf') asOfText?: string,
    @Query('region') regionText?: string,
  ): Promise<ContractBody<typeof publishAnswer>> {
    const caller = callerOf(actor);
    await this.access.recordProvince(caller, 'roster', 'roster.publish');
    const { asOf, events } = await this.facts(caller, asOfText, regionText);
    await this.publisher.publish(events);
    return { asOf, topic: TOPICS.roster, published: events.length };
  }

  private async facts(caller: Caller, asOfText: string | undefined, regionText: string | undefined): Promise<{ asOf: IsoDate; events: CloudEvent[] }> {
    const asOf = dateParam(asOfText, 'asOf');
    const now = new Date();
    // a headcount of a future date is not a fact yet, and its envelope time would be refused
    if (asOf > new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10))
      throw new Problem(400, 'Invalid input', `asOf ${asOf} is in the future; roster facts are published as of today or earlier`, [
        { path: 'asOf', rule: 'not-future', value: asOf },
      ]);
    const tree = this.state.tree;
    const region = regionText ?? Object.values(tree.regions).find((r) => r.parentCode === undefined)?.code;
    if (region === undefined) return { asOf, events: [] };
    assertRegionCode(region, 'region');
    if (!tree.regions[region])
      throw new IdentityError(IdentityErrorCode.UNKNOWN_REGION, `no region with code ${region}`, { field: 'region', rule: 'exists', value: region });
    const all = schoolsUnder(tree, region, asOf).map((s) => s.code);
    const visible = await this.access.visibleIn(caller, region, all, asOf);
    const codes = visible === 'all' ? all : all.filter((c) => visible.has(c));
    const events = rosterEvents(tree, this.state.people, codes, asOf);
    assertValid(events, now);
    return { asOf, events };
  }
}
