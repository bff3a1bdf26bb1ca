import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { accepted, PostgresEventStore, refused } from '@educube/event-store';
import { applyOrgEvents, decide, IdentityError, type OrgCommand, type OrgEvent, type OrgTreeState } from '@educube/identity-domain';
import { fromPGlite } from '@educube/postgres';
import { IdentityState } from './identity-state';

// Identity's writes through the event store's command handler, with the memory as the source:
// what is decided is appended and applied, a refusal or a throw leaves store and memory alone,
// and a restart rebuilds the same tree from the store.
describe('IdentityState decisions', () => {
  let store: PostgresEventStore;
  let state: IdentityState;
  const stored = async () => (await store.readAll(0n, 1000)).length;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    store = await PostgresEventStore.open(fromPGlite(new PGlite()));
    state = new IdentityState(store);
    await state.onModuleInit();
  });
  afterAll(() => store.close());

  const inOrder = (commands: readonly OrgCommand[]) => (tree: OrgTreeState) => {
    const events: OrgEvent[] = [];
    for (const c of commands) events.push(...decide(c, applyOrgEvents(events, tree)));
    return accepted(events);
  };
  const regions: OrgCommand[] = [
    { type: 'RegisterRegion', data: { code: '330000', name: '浙江省', effectiveOn: '2000-01-01' } },
    { type: 'RegisterRegion', data: { code: '330200', name: '宁波市', effectiveOn: '2000-01-01' } },
    { type: 'RegisterRegion', data: { code: '330203', name: '海曙区', effectiveOn: '2000-01-01' } },
  ];
  const school: OrgCommand = {
    type: 'RegisterSchool',
    data: { code: '3302030001', name: '海曙区第一小学', regionCode: '330203', schoolType: '小学', effectiveOn: '2025-09-01' },
  };

  it('appends and applies what the decider decides, against the tree as it stands', async () => {
    const outcome = await state.run(() => state.decideOrg(inOrder(regions)));
    expect(outcome).toMatchObject({ kind: 'recorded', attempts: 1 });
    const registered = await state.run(() => state.decideOrg((tree) => accepted(decide(school, tree))));
    expect(registered.kind === 'recorded' && registered.events.map((e) => e.type)).toEqual(['SchoolRegistered']);
    expect(state.tree.schools['3302030001']).toBeDefined();
    expect(await stored()).toBe(regions.length + 1);
  });

  it('a refusal, a decision with no event and a throwing decider append nothing and change nothing', async () => {
    const before = await stored();
    const tree = state.tree;
    expect(await state.run(() => state.decideOrg(() => refused('no')))).toMatchObject({ kind: 'refused', refusal: 'no' });
    expect(await state.run(() => state.decideOrg(() => accepted<OrgEvent>([])))).toMatchObject({ kind: 'unchanged' });
    await expect(
      state.run(() =>
        state.decideOrg((t) => accepted(decide({ type: 'RenameSchool', data: { code: '9999999999', name: '无', effectiveOn: '2026-01-01' } }, t))),
      ),
    ).rejects.toBeInstanceOf(IdentityError);
    expect(await stored()).toBe(before);
    expect(state.tree).toBe(tree);
  });

  it('a restart rebuilds the same tree from what was appended', async () => {
    const again = new IdentityState(store);
    await again.onModuleInit();
    expect(again.tree).toEqual(state.tree);
  });
});
