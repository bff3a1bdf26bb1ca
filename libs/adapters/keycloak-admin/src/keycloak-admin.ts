import {
  computeDrift,
  desiredAttributeValues,
  EDUCUBE_ROLES,
  roleDifference,
  type ActualUser,
  type DesiredState,
  type DesiredUser,
  type DriftReport,
} from './drift';

export interface KeycloakAdminOptions {
  /** e.g. http://127.0.0.1:28080 */
  readonly baseUrl: string;
  /** The realm provisioned into (educube). */
  readonly realm: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  /** Where the admin account lives; default master, with its public admin-cli client. */
  readonly adminRealm?: string;
  readonly adminClientId?: string;
  /**
   * Members of this group are "managed": the only users provisioning changes and reconcile
   * reports as extra. (The realm's user profile drops unknown attributes, so the mark is a group
   * rather than an attribute.) Created on first provision. Default `educube-managed`.
   */
  readonly managedGroup?: string;
  /** Realm roles provisioning may add or remove; default the EduCube roles. */
  readonly managedRoles?: readonly string[];
}

export interface ProvisionReport {
  readonly created: string[];
  /** Users whose attributes or roles were changed. */
  readonly changed: string[];
  readonly unchanged: string[];
  /** Desired usernames held by unmanaged users: never touched. */
  readonly skippedUnmanaged: string[];
  /** Managed users no longer desired: reported, not deleted. */
  readonly extra: string[];
  readonly counts: { readonly created: number; readonly changed: number; readonly unchanged: number };
}

export interface KeycloakAdmin {
  provision(desired: DesiredState): Promise<ProvisionReport>;
  reconcile(desired: DesiredState): Promise<DriftReport>;
  /** Deletes managed users by username (unmanaged ones are refused). Returns those deleted. */
  deleteManagedUsers(usernames: readonly string[]): Promise<string[]>;
  /** Low-level access for tools and tests: an authenticated call to the realm's admin API. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

interface UserRepresentation {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
}

interface RoleRepresentation {
  id: string;
  name: string;
}

export class KeycloakAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'KeycloakAdminError';
  }
}

export function createKeycloakAdmin(options: KeycloakAdminOptions): KeycloakAdmin {
  const base = options.baseUrl.replace(/\/$/, '');
  const adminBase = `${base}/admin/realms/${encodeURIComponent(options.realm)}`;
  const managedGroup = options.managedGroup ?? 'educube-managed';
  const managedRoles = options.managedRoles ?? EDUCUBE_ROLES;
  let token: { value: string; expiresAt: number } | undefined;
  let groupId: string | undefined;
  const roleCache = new Map<string, RoleRepresentation>();

  async function adminToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 5_000) return token.value;
    const res = await fetch(`${base}/realms/${encodeURIComponent(options.adminRealm ?? 'master')}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: options.adminClientId ?? 'admin-cli',
        username: options.adminUsername,
        password: options.adminPassword,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!res.ok || !body.access_token) throw new KeycloakAdminError(res.status, `admin login refused: ${body.error_description ?? res.statusText}`);
    token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
    return token.value;
  }

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${adminBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${await adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await call(method, path, body);
    if (!res.ok) throw new KeycloakAdminError(res.status, `${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 || res.status === 201 ? undefined : await res.json()) as T;
  }

  async function ensureGroup(create: boolean): Promise<string | undefined> {
    if (groupId) return groupId;
    const found = await json<{ id: string; name: string }[]>('GET', `/groups?search=${encodeURIComponent(managedGroup)}&exact=true`);
    groupId = found.find((g) => g.name === managedGroup)?.id;
    if (!groupId && create) {
      const res = await call('POST', '/groups', { name: managedGroup });
      if (!res.ok && res.status !== 409) throw new KeycloakAdminError(res.status, `cannot create group ${managedGroup}: ${await res.text()}`);
      return ensureGroup(false);
    }
    return groupId;
  }

  async function role(name: string): Promise<RoleRepresentation> {
    const cached = roleCache.get(name);
    if (cached) return cached;
    const found = await json<RoleRepresentation>('GET', `/roles/${encodeURIComponent(name)}`);
    roleCache.set(name, { id: found.id, name: found.name });
    return found;
  }

  async function toActual(rep: UserRepresentation, managed: boolean): Promise<ActualUser> {
    const roles = await json<RoleRepresentation[]>('GET', `/users/${rep.id}/role-mappings/realm`);
    return {
      id: rep.id,
      username: rep.username,
      ...(rep.email ? { email: rep.email } : {}),
      ...(rep.firstName ? { firstName: rep.firstName } : {}),
      ...(rep.lastName ? { lastName: rep.lastName } : {}),
      attributes: rep.attributes ?? {},
      realmRoles: roles.map((r) => r.name),
      managed,
    };
  }

  async function managedMembers(): Promise<UserRepresentation[]> {
    const id = await ensureGroup(false);
    if (!id) return [];
    const out: UserRepresentation[] = [];
    for (let first = 0; ; first += 500) {
      const page = await json<UserRepresentation[]>('GET', `/groups/${id}/members?first=${first}&max=500&briefRepresentation=false`);
      out.push(...page);
      if (page.length < 500) return out;
    }
  }

  async function byUsername(username: string): Promise<UserRepresentation | undefined> {
    const found = await json<UserRepresentation[]>('GET', `/users?username=${encodeURIComponent(username)}&exact=true&briefRepresentation=false`);
    return found.find((u) => u.username === username.toLowerCase());
  }

  /** Every managed user, plus unmanaged users holding a desired username. */
  async function readActual(desired: DesiredState): Promise<ActualUser[]> {
    const members = await managedMembers();
    const managedIds = new Set(members.map((m) => m.id));
    const names = new Set(members.map((m) => m.username));
    const actual = await Promise.all(members.map((m) => toActual(m, true)));
    for (const user of desired.users) {
      if (names.has(user.username.toLowerCase())) continue;
      const rep = await byUsername(user.username);
      if (rep) actual.push(await toActual(rep, managedIds.has(rep.id)));
    }
    return actual;
  }

  async function setRoles(userId: string, diff: { missing: string[]; extra: string[] }): Promise<void> {
    if (diff.missing.length) await json('POST', `/users/${userId}/role-mappings/realm`, await Promise.all(diff.missing.map(role)));
    if (diff.extra.length) await json('DELETE', `/users/${userId}/role-mappings/realm`, await Promise.all(diff.extra.map(role)));
  }

  const representationOf = (user: DesiredUser) => ({
    ...(user.email ? { email: user.email, emailVerified: true } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
  });

  async function create(user: DesiredUser, group: string): Promise<void> {
    const attrs = Object.fromEntries(Object.entries(desiredAttributeValues(user)).filter(([, v]) => v.length > 0));
    const res = await call('POST', '/users', { username: user.username, enabled: true, ...representationOf(user), attributes: attrs, requiredActions: [] });
    if (res.status !== 201) throw new KeycloakAdminError(res.status, `cannot create user ${user.username}: ${await res.text()}`);
    const id = res.headers.get('location')?.split('/').pop();
    if (!id) throw new KeycloakAdminError(res.status, `Keycloak did not say where user ${user.username} was created`);
    await json('PUT', `/users/${id}/groups/${group}`);
    if (user.initialPassword) await json('PUT', `/users/${id}/reset-password`, { type: 'password', value: user.initialPassword, temporary: false });
    await setRoles(id, { missing: [...new Set(user.realmRoles)], extra: [] });
  }

  return {
    call,

    async reconcile(desired) {
      return computeDrift(desired, await readActual(desired), managedRoles);
    },

    async provision(desired) {
      const group = await ensureGroup(true);
      if (!group) throw new KeycloakAdminError(404, `group ${managedGroup} could not be found or created`);
      const current = await readActual(desired);
      const drift = computeDrift(desired, current, managedRoles);
      const actual = new Map(current.map((u) => [u.username, u]));
      const created: string[] = [];
      const changed: string[] = [];
      const unchanged: string[] = [];
      const touchedAttrs = new Set(drift.attributeDifferences.map((d) => d.username));
      for (const user of desired.users) {
        if (drift.unmanagedConflicts.includes(user.username)) continue;
        const found = actual.get(user.username.toLowerCase());
        if (!found) {
          await create(user, group);
          created.push(user.username);
          continue;
        }
        const roles = roleDifference(user, found, managedRoles);
        if (touchedAttrs.has(user.username)) {
          // read-modify-write: PUT replaces the representation, so keep everything else as it is
          const rep = await json<UserRepresentation>('GET', `/users/${found.id}`);
          const attributes = { ...(rep.attributes ?? {}) };
          for (const [name, values] of Object.entries(desiredAttributeValues(user))) {
            if (values.length) attributes[name] = values;
            else delete attributes[name];
          }
          await json('PUT', `/users/${found.id}`, { ...rep, ...representationOf(user), attributes });
        }
        if (roles) await setRoles(found.id, roles);
        (touchedAttrs.has(user.username) || roles ? changed : unchanged).push(user.username);
      }
      return {
        created,
        changed,
        unchanged,
        skippedUnmanaged: drift.unmanagedConflicts,
        extra: drift.extra,
        counts: { created: created.length, changed: changed.length, unchanged: unchanged.length },
      };
    },

    async deleteManagedUsers(usernames) {
      const members = await managedMembers();
      const deleted: string[] = [];
      for (const name of usernames) {
        const member = members.find((m) => m.username === name.toLowerCase());
        if (!member) continue;
        await json('DELETE', `/users/${member.id}`);
        deleted.push(name);
      }
      return deleted;
    },
  };
}
