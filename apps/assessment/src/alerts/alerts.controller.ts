import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  acknowledgeAnswer,
  acknowledgeRefusalStatus,
  type AcknowledgeRequest,
  acknowledgeRequestSchema,
  acknowledgerOf,
  alertsAnswer,
  alertsListAnswer,
  alertsQuerySchema,
  problemsOfZod,
} from '@educube/alert-streams';
import type { ActorRef } from '@educube/alerts';
import type { ContractBody } from '@educube/contracts';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, Problem } from '@educube/service-kit';
import { z } from 'zod';
import { REGION_READERS, REGION_SCOPE, regionOut, Scope, subtree } from '../http/access';
import { StandingsService } from '../standings/standings.service';
import { CLOCK, type Clock } from './clock';
import { IndicatorAlerts } from './indicator-alerts';

const ACKNOWLEDGE_SCOPE =
  "the hub's service naming the officer it verified (by); officers as themselves, for a district within their region (identity's tree), else 404 as for an unknown one";

const REFUSAL_TITLES: Record<400 | 404 | 409, string> = { 400: 'Invalid input', 404: 'Not found', 409: 'Conflict' };

function parsed<S extends z.ZodType>(schema: S, input: unknown, title: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = problemsOfZod(result.error);
  throw new Problem(400, title, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

/**
 * The alerts API every alert owner serves alike (`@educube/alert-streams`' contract): here the
 * indicator regressions of the schools in a region's districts, and their acknowledgement.
 */
@Controller('v1')
export class AlertsController {
  constructor(
    private readonly alerts: IndicatorAlerts,
    private readonly standings: StandingsService,
    @Inject(Scope) private readonly scope: Scope,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The alerts of the region's subtree, most urgent first, with counts over all of them. */
  @Allow(REGION_READERS, REGION_SCOPE)
  @Api({ summary: 'alerts of the districts within a region', query: alertsQuerySchema, response: alertsListAnswer, errors: [404, 503] })
  @Get('alerts')
  async list(@CurrentActor() actor: Actor, @Query() query: unknown): Promise<ContractBody<typeof alertsListAnswer>> {
    const q = parsed(alertsQuerySchema, query, 'Invalid query');
    const directory = await this.standings.directoryNow();
    const region = this.scope.region(actor, q.region, directory, 'region');
    const alerts = await this.alerts.list(subtree(directory, q.region), q.status);
    return alertsAnswer(regionOut(region), q, alerts, this.alerts.lastEvaluatedAt);
  }

  /** "Seen, someone is on it": the alert stays open until its condition clears. */
  @Allow(REGION_READERS, ACKNOWLEDGE_SCOPE)
  @Api({ summary: 'acknowledges an alert', body: acknowledgeRequestSchema, response: acknowledgeAnswer, errors: [404, 409, 503] })
  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  async acknowledge(@CurrentActor() actor: Actor, @Param('alertId') alertId: string, @Body() body: unknown): Promise<ContractBody<typeof acknowledgeAnswer>> {
    const request = parsed(acknowledgeRequestSchema, body, 'Invalid input');
    const by = await this.acknowledger(actor, request);
    const outcome = await this.alerts.acknowledge(request.district, {
      alertId,
      by,
      at: this.clock.now().toISOString(),
      ...(request.note === undefined ? {} : { note: request.note }),
    });
    if (!outcome.ok) {
      const status = acknowledgeRefusalStatus(outcome.problems);
      throw new Problem(status, REFUSAL_TITLES[status], outcome.problems.map((p) => p.message).join('; '), outcome.problems);
    }
    return { alert: outcome.alert, appended: outcome.events.length };
  }

  /**
   * Who acknowledges: the officer the hub's service names (the gateway verified them), or the
   * person calling, as their token says, for a district within their region only.
   */
  private async acknowledger(actor: Actor, request: AcknowledgeRequest): Promise<ActorRef> {
    const who = acknowledgerOf(actor, request.by);
    if (!who.ok) throw new Problem(400, 'Invalid input', who.problems.map((p) => p.message).join('; '), who.problems);
    if (actor.kind === 'person') this.scope.region(actor, request.district, await this.standings.directoryNow(), 'district');
    return who.by;
  }
}
