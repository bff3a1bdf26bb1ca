import { Controller, Get, HttpCode, Inject, Injectable, Post } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor } from '@educube/service-kit';
import type { ContractBody } from '@educube/contracts';
import { z } from 'zod';
import { accountsOf, type Account } from '@educube/identity-domain';
import { createKeycloakAdmin, type DesiredState, type DriftReport, type KeycloakAdmin, type ProvisionReport } from '@educube/keycloak-admin';
import { Access, callerOf } from '../auth/access';
import { Problem } from '../http/problem';
import { IdentityState } from '../storage/identity-state';

export const SSO_CONFIG = Symbol('SSO_CONFIG');

export interface SsoConfig {
  /** Keycloak's base URL; unset: no provisioning (the embedded issuer needs none). */
  readonly keycloakUrl: string | undefined;
  readonly realm: string;
  readonly adminUsername: string | undefined;
  readonly adminPassword: string | undefined;
}

/**
 * The accounts the identity provider must hold: the person id as username (so no name reaches
 * it), roles as realm roles, scopes as the claims every service maps back to a Principal.
 */
export function desiredState(accounts: readonly Account[]): DesiredState {
  return {
    users: accounts.map((a) => ({
      username: a.personId,
      attributes: { ...(a.regionCode ? { region_code: a.regionCode } : {}), ...(a.schoolCodes.length ? { school_codes: a.schoolCodes } : {}) },
      realmRoles: a.roles,
    })),
  };
}

/** Pushes role assignments into Keycloak through its admin API, and reports drift. */
@Injectable()
export class SsoProvisioning {
  private readonly admin: KeycloakAdmin | undefined;

  constructor(
    @Inject(SSO_CONFIG) config: SsoConfig,
    private readonly state: IdentityState,
  ) {
    const { keycloakUrl, adminUsername, adminPassword } = config;
    this.admin =
      keycloakUrl && adminUsername && adminPassword
        ? createKeycloakAdmin({ baseUrl: keycloakUrl, realm: config.realm, adminUsername, adminPassword })
        : undefined;
  }

  get configured(): boolean {
    return this.admin !== undefined;
  }

  desired(): DesiredState {
    return desiredState(accountsOf(this.state.people));
  }

  /** Idempotent: a second run with nothing changed creates and changes nothing. */
  provision(): Promise<ProvisionReport> {
    return this.required().provision(this.desired());
  }

  drift(): Promise<DriftReport> {
    return this.required().reconcile(this.desired());
  }

  private required(): KeycloakAdmin {
    if (!this.admin) {
      throw new Problem(
        409,
        'Not configured',
        'SSO provisioning needs KEYCLOAK_URL, KEYCLOAK_ADMIN_USER and KEYCLOAK_ADMIN_PASSWORD (the embedded issuer reads no provisioned accounts)',
        [{ path: 'KEYCLOAK_URL', rule: 'configured', value: null }],
      );
    }
    return this.admin;
  }
}

const usernames = z.array(z.string()).meta({ description: 'usernames: the unified person ids' });
const driftAnswer = z.object({
  desiredAccounts: z.number().int(),
  /** desired users that do not exist in the realm */
  missing: usernames,
  /** managed users in the realm that are no longer desired */
  extra: usernames,
  /** desired usernames taken by users this service does not manage: left alone */
  unmanagedConflicts: usernames,
  attributeDifferences: z.array(
    z.object({
      username: z.string(),
      attribute: z.enum(['region_code', 'school_codes', 'email', 'firstName', 'lastName']),
      desired: z.array(z.string()),
      actual: z.array(z.string()),
    }),
  ),
  roleDifferences: z.array(z.object({ username: z.string(), missing: z.array(z.string()), extra: z.array(z.string()) })),
  inSync: z.boolean(),
});
const provisionAnswer = z.object({
  created: usernames,
  /** users whose attributes or roles were changed */
  changed: usernames,
  unchanged: usernames,
  /** desired usernames held by unmanaged users: never touched */
  skippedUnmanaged: usernames,
  /** managed users no longer desired: reported, not deleted */
  extra: usernames,
  counts: z.object({ created: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
});

@Controller('v1/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoProvisioning,
    private readonly access: Access,
  ) {}

  /** What provisioning would change, without changing it: the reconcile report. */
  @Allow(['province_officer'], 'province officers only')
  @Api({ summary: 'differences between identity and the SSO realm', response: driftAnswer, errors: [409, 503] })
  @Get('drift')
  async drift(@CurrentActor() actor: Actor): Promise<ContractBody<typeof driftAnswer>> {
    const caller = callerOf(actor);
    await this.access.recordProvince(caller, 'sso', 'sso.drift');
    const report = await this.sso.drift();
    return { desiredAccounts: this.sso.desired().users.length, ...report };
  }

  @Allow(['province_officer'], 'province officers only')
  @Api({ summary: 'provisions SSO accounts for the people identity knows', response: provisionAnswer, errors: [409, 503] })
  @Post('provision')
  @HttpCode(200)
  async provision(@CurrentActor() actor: Actor): Promise<ContractBody<typeof provisionAnswer>> {
    const caller = callerOf(actor);
    await this.access.recordProvince(caller, 'sso', 'sso.provision');
    return this.sso.provision();
  }
}
