import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { ActorRef, Problem as AlertProblem } from '@educube/alerts';
import {
  acknowledgeAnswer,
  acknowledgeRefusalStatus,
  type AcknowledgeRequest,
  acknowledgeRequestSchema,
  acknowledgerOf,
  alertsAnswer,
  alertsListAnswer,
  alertsQuerySchema,
  AlertStreams,
  problemsOfZod,
} from '@educube/alert-streams';
import type { OrgDirectory } from '@educube/identity-client';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, type AnswerOf } from '@educube/service-kit';
import type { z } from 'zod';
import { ORG_DIRECTORY } from '../activity/rollup';
import { CLOCK, type Clock } from '../clock';
import { notFound, subtree } from '../http/activity.controller';
import { OFFICERS, ReadScope, SERVICE } from '../http/auth';
import { jsonBody } from '../http/input';
import { Problem } from '../http/problem';
import { AlertsService } from './alerts.service';

const TITLES: Record<number, string> = { 400: 'Invalid request', 404: 'Not found', 409: 'Conflict' };

const refusal = (status: 400 | 404 | 409, problems: readonly AlertProblem[]): Problem =>
  new Problem(status, TITLES[status] ?? 'Refused', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

/** The alerts API's own parsing (every alert owner answers a bad request alike: zod's path and code). */
function parsedAs<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw refusal(400, problemsOfZod(result.error));
  return result.data;
}

/**
 * The alerts the warehouse decides (@educube/alert-streams' HTTP contract, served alike by every
 * alert owner): listed per region over the districts of its subtree in identity's tree, and
 * acknowledged by an officer, directly or through the hub's service naming them.
 */
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly streams: AlertStreams,
    private readonly alerts: AlertsService,
    private readonly scope: ReadScope,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Allow([...OFFICERS, SERVICE], "officers: regions within theirs by identity's tree (any other answers 404 like an unknown one); services: every region")
  @Api({ summary: 'alerts of the districts within a region', query: alertsQuerySchema, response: alertsListAnswer, errors: [404, 503] })
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: unknown): Promise<AnswerOf<typeof alertsListAnswer>> {
    const q = parsedAs(alertsQuerySchema, query);
    const tree = await this.directory.on();
    const region = tree.region(q.region);
    if (!region || !(await this.scope.regionVisible(actor, q.region, tree))) throw notFound('region', q.region, 'region');
    const all = await this.streams.list(subtree(tree, q.region), { status: q.status });
    return alertsAnswer({ code: region.code, name: region.name, level: region.level }, q, all, this.alerts.lastEvaluatedAt);
  }

  @Allow(
    [...OFFICERS, SERVICE],
    "officers: as themselves, alerts of districts within their region by identity's tree (any other answers 404 like an unknown one); services: any alert, naming in `by` the officer they verified",
  )
  @Post(':alertId/acknowledge')
  @HttpCode(200)
  @Api({ summary: 'acknowledges an alert', body: acknowledgeRequestSchema, response: acknowledgeAnswer, errors: [404, 409, 503] })
  async acknowledge(@CurrentActor() actor: Actor, @Param('alertId') alertId: string, @Body() body: unknown): Promise<AnswerOf<typeof acknowledgeAnswer>> {
    const request = parsedAs(acknowledgeRequestSchema, jsonBody(body));
    const by = await this.actingOfficer(actor, request);
    const outcome = await this.streams.acknowledge(request.district, { alertId, by, at: this.clock().toISOString(), note: request.note });
    if (!outcome.ok) throw refusal(acknowledgeRefusalStatus(outcome.problems), outcome.problems);
    return { alert: outcome.alert, appended: outcome.events.length };
  }

  /**
   * Who acknowledges: the officer the hub's service names in `by` (it verified them), or the
   * person the token names, for a district within their region (any other is the same 404 as
   * an unknown district).
   */
  private async actingOfficer(actor: Actor, request: AcknowledgeRequest): Promise<ActorRef> {
    const who = acknowledgerOf(actor, request.by);
    if (!who.ok) throw refusal(400, who.problems);
    if (actor.kind === 'person') {
      const tree = await this.directory.on();
      if (!tree.region(request.district) || !(await this.scope.regionVisible(actor, request.district, tree)))
        throw notFound('region', request.district, 'district');
    }
    return who.by;
  }
}
