/**
 * The hub's roles as the realm (Keycloak or the embedded issuer) puts them in a token, and the
 * data scope each carries: officers a region (`region_code`), everyone else schools
 * (`school_codes`). Every service maps verified claims to an actor the same way.
 */
export const HUB_ROLES = ['province_officer', 'city_officer', 'district_officer', 'principal', 'cio', 'teacher', 'student', 'parent', 'school_system'] as const;
export type HubRole = (typeof HUB_ROLES)[number];
/** The officers' roles, widest first: every service's route declarations name them from here. */
export const OFFICERS = ['province_officer', 'city_officer', 'district_officer'] as const;
export const OFFICER_ROLES: ReadonlySet<HubRole> = new Set(OFFICERS);

export type ActorScope = { readonly kind: 'region'; readonly regionCode: string } | { readonly kind: 'schools'; readonly schoolCodes: readonly string[] };

export interface TokenActor {
  readonly subject: string;
  /** The widest role held (HUB_ROLES order): a person holding two roles acts with the wider one. */
  readonly role: HubRole;
  readonly roles: readonly string[];
  readonly scope: ActorScope;
}

/** Maps verified claims to the acting role and scope; a string says why the token cannot act. */
export function actorFromClaims(subject: string, claims: Record<string, unknown>): TokenActor | string {
  const realm = claims['realm_access'];
  const roles =
    realm && typeof realm === 'object' && Array.isArray((realm as { roles?: unknown }).roles)
      ? ((realm as { roles: unknown[] }).roles.filter((r) => typeof r === 'string') as string[])
      : [];
  const role = HUB_ROLES.find((r) => roles.includes(r));
  if (!role) return `the token carries none of the roles ${HUB_ROLES.join(', ')}`;
  if (OFFICER_ROLES.has(role)) {
    const regionCode = claims['region_code'];
    if (typeof regionCode !== 'string') return `a ${role} token must carry region_code`;
    return { subject, role, roles, scope: { kind: 'region', regionCode } };
  }
  const codes = claims['school_codes'];
  const schoolCodes = Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : typeof codes === 'string' ? [codes] : [];
  return { subject, role, roles, scope: { kind: 'schools', schoolCodes } };
}
