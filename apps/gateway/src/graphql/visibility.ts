import type { DirectoryRegion, DirectorySchool, IndexedDirectory } from '@educube/identity-client';

/**
 * What one caller may see of identity's tree on a date, decided once per operation. Schools come
 * from identity's one visibility rule (the set it answers for the caller); regions follow the
 * officer's scope: their own region and everything inside it, nothing above or beside it. An
 * invisible code and an unknown code answer the same (undefined), so nothing tells them apart.
 */
export interface Caller {
  readonly role: string;
  readonly scope: { readonly kind: 'region'; readonly regionCode: string } | { readonly kind: 'schools'; readonly schoolCodes: readonly string[] };
}

export class View {
  constructor(
    readonly directory: IndexedDirectory,
    private readonly caller: Caller,
    private readonly schools: ReadonlySet<string>,
  ) {}

  get asOf(): string {
    return this.directory.asOf;
  }

  /** The region if the caller may see it on the date. */
  region(code: string): DirectoryRegion | undefined {
    if (this.caller.scope.kind !== 'region') return undefined;
    const region = this.directory.region(code);
    return region && this.directory.within(code, this.caller.scope.regionCode) ? region : undefined;
  }

  /** The caller's own region, the top of what they see (none for school staff). */
  roots(): DirectoryRegion[] {
    const own = this.caller.scope.kind === 'region' ? this.region(this.caller.scope.regionCode) : undefined;
    return own ? [own] : [];
  }

  /** Children of a visible region (all visible, being inside it). */
  children(code: string): DirectoryRegion[] {
    return this.region(code) ? [...this.directory.children(code)] : [];
  }

  /** The school if the caller may see it on the date and the tree has it. */
  school(code: string) {
    return this.schools.has(code) ? this.directory.school(code) : undefined;
  }

  private readonly under = new Map<string, DirectorySchool[]>();

  /** Visible schools of a visible region's subtree, by code (once per region per operation). */
  schoolsUnder(code: string): readonly DirectorySchool[] {
    if (!this.region(code)) return [];
    let found = this.under.get(code);
    if (!found) {
      found = this.directory.schoolsUnder(code).filter((s) => this.schools.has(s.code));
      this.under.set(code, found);
    }
    return found;
  }
}

/** Cursors are opaque: the last code of the page, base64url. A cursor from elsewhere only moves the start. */
export const cursorOf = (code: string): string => Buffer.from(`s:${code}`).toString('base64url');
export function afterCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  return text.startsWith('s:') ? text.slice(2) : undefined;
}

/** One page of codes after the cursor. */
export function page<T extends { code: string }>(items: readonly T[], first: number, after: string | undefined): { nodes: T[]; hasNextPage: boolean } {
  const start = after === undefined ? 0 : items.findIndex((i) => i.code > after);
  const from = start < 0 ? items.length : start;
  const nodes = items.slice(from, from + first);
  return { nodes, hasNextPage: from + first < items.length };
}

export const OFFICER_ROLES = ['province_officer', 'city_officer', 'district_officer'] as const;
export const STAFF_ROLES = ['principal', 'cio', 'teacher'] as const;
export const PEOPLE = [...OFFICER_ROLES, ...STAFF_ROLES] as const;
