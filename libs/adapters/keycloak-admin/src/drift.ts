/** The EduCube realm roles this service assigns; other realm roles (default-roles-*, …) are never touched. */
export const EDUCUBE_ROLES = [
  'province_officer',
  'city_officer',
  'district_officer',
  'principal',
  'cio',
  'teacher',
  'student',
  'parent',
  'school_system',
] as const;

/** The data-scope attributes of the realm's user profile (mapped into tokens as claims). */
export interface ScopeAttributes {
  readonly region_code?: string;
  readonly school_codes?: readonly string[];
}

export interface DesiredUser {
  readonly username: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly attributes: ScopeAttributes;
  readonly realmRoles: readonly string[];
  /** Set once, when the user is created (tests, dev). Never compared or reset afterwards. */
  readonly initialPassword?: string;
}

export interface DesiredState {
  readonly users: readonly DesiredUser[];
}

/** A user as read from Keycloak: attributes as Keycloak stores them (lists of strings). */
export interface ActualUser {
  readonly id: string;
  readonly username: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly realmRoles: readonly string[];
  readonly managed: boolean;
}

export interface AttributeDifference {
  readonly username: string;
  readonly attribute: 'region_code' | 'school_codes' | 'email' | 'firstName' | 'lastName';
  readonly desired: string[];
  readonly actual: string[];
}

export interface RoleDifference {
  readonly username: string;
  /** Desired, not assigned. */
  readonly missing: string[];
  /** Assigned, not desired (EduCube roles only). */
  readonly extra: string[];
}

export interface DriftReport {
  /** Desired users that do not exist in Keycloak. */
  readonly missing: string[];
  /** Managed users in Keycloak that are no longer desired. */
  readonly extra: string[];
  /** Desired usernames taken by users this service does not manage: left alone. */
  readonly unmanagedConflicts: string[];
  readonly attributeDifferences: AttributeDifference[];
  readonly roleDifferences: RoleDifference[];
  readonly inSync: boolean;
}

const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();
const same = (a: readonly string[], b: readonly string[]): boolean => {
  const x = sorted(a);
  const y = sorted(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The attribute values Keycloak should hold for a desired user. */
export function desiredAttributeValues(user: DesiredUser): Record<'region_code' | 'school_codes', string[]> {
  return {
    region_code: user.attributes.region_code ? [user.attributes.region_code] : [],
    school_codes: sorted(user.attributes.school_codes ?? []),
  };
}

export function attributeDifferences(desired: DesiredUser, actual: ActualUser): AttributeDifference[] {
  const out: AttributeDifference[] = [];
  for (const [attribute, want] of Object.entries(desiredAttributeValues(desired)) as ['region_code' | 'school_codes', string[]][]) {
    const have = [...(actual.attributes[attribute] ?? [])];
    if (!same(want, have)) out.push({ username: desired.username, attribute, desired: want, actual: sorted(have) });
  }
  for (const field of ['email', 'firstName', 'lastName'] as const) {
    const want = desired[field];
    // only fields the desired state names are compared; Keycloak lower-cases emails
    if (want === undefined) continue;
    const have = actual[field];
    const norm = (v: string | undefined) => (field === 'email' ? v?.toLowerCase() : v);
    if (norm(want) !== norm(have)) out.push({ username: desired.username, attribute: field, desired: [want], actual: have === undefined ? [] : [have] });
  }
  return out;
}

export function roleDifference(desired: DesiredUser, actual: ActualUser, managedRoles: readonly string[] = EDUCUBE_ROLES): RoleDifference | undefined {
  const have = new Set(actual.realmRoles);
  const want = new Set(desired.realmRoles);
  const missing = sorted([...want].filter((r) => !have.has(r)));
  const extra = sorted([...have].filter((r) => managedRoles.includes(r) && !want.has(r)));
  return missing.length || extra.length ? { username: desired.username, missing, extra } : undefined;
}

/**
 * Compares the desired state with what Keycloak holds. `actual` holds every managed user plus
 * any user whose username is desired (managed or not). Usernames compare case-insensitively,
 * as Keycloak stores them lower-cased.
 */
export function computeDrift(desired: DesiredState, actual: readonly ActualUser[], managedRoles: readonly string[] = EDUCUBE_ROLES): DriftReport {
  const key = (u: string) => u.toLowerCase();
  const byName = new Map(actual.map((u) => [key(u.username), u]));
  const wanted = new Set(desired.users.map((u) => key(u.username)));
  if (wanted.size !== desired.users.length) throw new Error('desired state names a username twice');
  const missing: string[] = [];
  const unmanagedConflicts: string[] = [];
  const attributeDiffs: AttributeDifference[] = [];
  const roleDiffs: RoleDifference[] = [];
  for (const user of desired.users) {
    const found = byName.get(key(user.username));
    if (!found) {
      missing.push(user.username);
    } else if (!found.managed) {
      unmanagedConflicts.push(user.username);
    } else {
      attributeDiffs.push(...attributeDifferences(user, found));
      const roles = roleDifference(user, found, managedRoles);
      if (roles) roleDiffs.push(roles);
    }
  }
  const extra = actual
    .filter((u) => u.managed && !wanted.has(key(u.username)))
    .map((u) => u.username)
    .sort();
  return {
    missing,
    extra,
    unmanagedConflicts,
    attributeDifferences: attributeDiffs,
    roleDifferences: roleDiffs,
    inSync: missing.length + extra.length + unmanagedConflicts.length + attributeDiffs.length + roleDiffs.length === 0,
  };
}
