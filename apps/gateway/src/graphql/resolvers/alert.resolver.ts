import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '@educube/oidc';
import { Allow, CurrentActor } from '@educube/service-kit';
import { GraphQLError } from 'graphql';
import { alertOf, ownerOf, parseAlertId } from '../alerts';
import type { GatewayContext } from '../context';
import { Alert } from '../types/viewer.types';
import { OFFICER_ROLES } from '../visibility';
import { badInput } from './args';

const ACK_SCOPE = 'officers: an alert of a school in their region (identity’s visibility rule); any other id reads as no such alert, exactly as an unknown one';

const notFound = (id: string): GraphQLError =>
  new GraphQLError(`no alert ${id} among the alerts you may see`, { extensions: { code: 'NOT_FOUND', argument: 'id', rule: 'visible-alert' } });

@Resolver()
export class AlertResolver {
  /**
   * The alert's school tells the gateway whether the officer sees it and which district's stream
   * holds it; its rule tells which service owns that stream. The owner decides: it records the
   * acknowledgement, or refuses (resolved, or acknowledged by someone else) with its reason.
   */
  @Allow(OFFICER_ROLES, ACK_SCOPE)
  @Mutation(() => Alert, {
    description:
      'Acknowledge an open alert ("seen, someone is on it"); it stays open until its condition clears. Refused for a resolved alert or one another officer acknowledged.',
  })
  async acknowledgeAlert(
    @CurrentActor() actor: Actor,
    @Context() ctx: GatewayContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String, nullable: true, description: 'Why, or who is on it (at most 2,000 characters)' }) note?: string | null,
  ): Promise<Alert> {
    if (actor.kind !== 'person') throw notFound(id);
    if (note !== undefined && note !== null && (note.trim().length === 0 || note.length > 2000))
      throw badInput('note', 'note', 'a note is 1 to 2,000 characters and not blank; leave it out to acknowledge without one');
    const parsed = parseAlertId(id);
    const school = parsed ? (await ctx.view()).school(parsed.school) : undefined;
    if (!parsed || !school) throw notFound(id);
    ctx.touched.add(school.regionCode);
    ctx.touched.add(school.code);
    const answer = await ownerOf(ctx.upstreams, parsed.rule).acknowledge(id, {
      district: school.regionCode,
      by: { subject: actor.subject, role: actor.role },
      ...(note ? { note } : {}),
    });
    if (answer.ok) return alertOf(answer.alert);
    if (answer.status === 404) throw notFound(id);
    const code = answer.status === 409 ? 'CONFLICT' : 'BAD_USER_INPUT';
    throw new GraphQLError(answer.detail, {
      extensions: {
        code,
        argument: answer.problems[0]?.path.replace(/^\//, '') === 'note' ? 'note' : 'id',
        rule: answer.problems[0]?.rule ?? 'refused',
        problems: answer.problems,
      },
    });
  }
}
