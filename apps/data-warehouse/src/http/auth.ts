import { Inject, Injectable } from '@nestjs/common';
import { createTokenVerifier, type TokenVerifier } from '@educube/oidc';
import type { Sender } from '@educube/warehouse-ingestion';
import { Problem } from './problem';

export const INGEST_AUTH = Symbol('INGEST_AUTH');

export interface IngestAuthConfig {
  /** unset: ingestion is open (a trusted network only; logged at start) */
  readonly issuer: string | undefined;
  readonly audience: string;
}

/** A school system's client-credentials token → the sender and the schools it may speak for. */
@Injectable()
export class IngestAuth {
  private verifier: Promise<TokenVerifier> | undefined;

  constructor(@Inject(INGEST_AUTH) private readonly config: IngestAuthConfig) {}

  get open(): boolean {
    return !this.config.issuer;
  }

  /** undefined when open; otherwise the verified sender, or a 401/403 Problem. */
  async sender(authorization: string | undefined): Promise<Sender | undefined> {
    const issuer = this.config.issuer;
    if (!issuer) return undefined;
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Problem(401, 'Unauthenticated', 'a bearer token of a school system (OAuth2 client credentials) is required', [{ path: 'authorization', rule: 'bearer-token', value: null }]);
    this.verifier ??= createTokenVerifier({ issuer, audience: this.config.audience }).catch((e: unknown) => {
      this.verifier = undefined;
      throw e;
    });
    const { claims, subject } = await (await this.verifier).verify(token);
    const roles = (claims['realm_access'] as { roles?: unknown } | undefined)?.roles;
    if (!Array.isArray(roles) || !roles.includes('school_system')) throw new Problem(403, 'Forbidden', 'only a school system (realm role school_system) may send events', [{ path: 'realm_access.roles', rule: 'school_system', value: null }]);
    const raw = claims['school_codes'];
    const schoolCodes = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((c): c is string => typeof c === 'string');
    if (schoolCodes.length === 0) throw new Problem(403, 'Forbidden', 'the token names no school (claim school_codes): a school system speaks for its school', [{ path: 'school_codes', rule: 'required', value: null }]);
    const clientId = typeof claims['azp'] === 'string' ? claims['azp'] : typeof claims['client_id'] === 'string' ? claims['client_id'] : subject;
    return { clientId, schoolCodes };
  }
}
