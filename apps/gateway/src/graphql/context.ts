import DataLoader from 'dataloader';
import type { OrgDirectory, VisibleSchools } from '@educube/identity-client';
import type { Actor } from '@educube/oidc';
import type { AuthorizedRequest } from '@educube/service-kit';
import type { ActivityRow, AssessmentApi, IdentityApi, IngestionAnswer, StandingRow, WarehouseApi } from './upstream/clients';
import { View } from './visibility';

export interface Upstreams {
  readonly identity: IdentityApi;
  readonly assessment: AssessmentApi;
  readonly warehouse: WarehouseApi;
  readonly directory: OrgDirectory;
  readonly visible: VisibleSchools;
}

/** Per operation: batching loaders, so a page of 50 schools is one call per kind of figure. */
export interface Loaders {
  readonly standings: DataLoader<string, StandingRow[]>;
  readonly activity: DataLoader<string, ActivityRow[]>;
  readonly ingestion: DataLoader<string, IngestionAnswer | undefined>;
}

export interface GatewayContext {
  readonly req: AuthorizedRequest & { headers?: Record<string, string | string[] | undefined> };
  /** Region and school codes the answer touched: the audit entry's "regions". */
  readonly touched: Set<string>;
  readonly loaders: Loaders;
  readonly upstreams: Upstreams;
  /** What the caller sees of the tree on the date (one decision per date per operation). */
  view(asOf?: string): Promise<View>;
}

const ACTIVITY_KEY = '|';

export function createContext(req: GatewayContext['req'], upstreams: Upstreams): GatewayContext {
  const views = new Map<string, Promise<View>>();
  const actor = req.educubeActor as Actor | undefined;
  const view = (asOf?: string): Promise<View> => {
    const key = asOf ?? '';
    let found = views.get(key);
    if (!found) {
      found = (async () => {
        const directory = await upstreams.directory.on(asOf);
        if (!actor || actor.kind !== 'person') return new View(directory, { role: 'none', scope: { kind: 'schools', schoolCodes: [] } }, new Set());
        const schools = await upstreams.visible.of(actor, directory.asOf);
        return new View(directory, actor, schools);
      })();
      views.set(key, found);
    }
    return found;
  };
  return {
    req,
    upstreams,
    touched: new Set(),
    view,
    loaders: {
      standings: new DataLoader(async (schools) => {
        const rows = await upstreams.assessment.standings(schools);
        return schools.map((s) => rows.filter((r) => r.school === s));
      }),
      // key: school|from|to; one batch per window
      activity: new DataLoader(async (keys) => {
        const byWindow = new Map<string, string[]>();
        for (const k of keys) {
          const [school, from, to] = k.split(ACTIVITY_KEY) as [string, string, string];
          byWindow.set(`${from}${ACTIVITY_KEY}${to}`, [...(byWindow.get(`${from}${ACTIVITY_KEY}${to}`) ?? []), school]);
        }
        const answers = new Map<string, ActivityRow[]>();
        await Promise.all(
          [...byWindow].map(async ([window, schools]) => {
            const [from, to] = window.split(ACTIVITY_KEY) as [string, string];
            for (const [school, months] of await upstreams.warehouse.schoolsActivity(schools, from, to))
              answers.set(`${school}${ACTIVITY_KEY}${window}`, months);
          }),
        );
        return keys.map((k) => answers.get(k) ?? []);
      }),
      ingestion: new DataLoader(async (schools) => {
        const answers = await upstreams.warehouse.schoolsIngestion(schools);
        return schools.map((s) => answers.get(s));
      }),
    },
  };
}

export const activityKey = (school: string, from: string, to: string): string => [school, from, to].join(ACTIVITY_KEY);
