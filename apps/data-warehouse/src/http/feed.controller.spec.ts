import { SchoolCalendarPublishedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { actors } from '@educube/oidc/testing';
import { startTestWarehouse } from '../testing/warehouse';

type Feed = { events: { position: string; event: { id: string } }[]; next: string };

describe('GET /v1/feed', () => {
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  const feed = async (query: string): Promise<Feed> => {
    const res = await running.get(`/v1/feed?${query}`, actors.service('educube-assessment', 'educube-warehouse'));
    expect(res.status).toBe(200);
    return (await res.json()) as Feed;
  };

  beforeAll(async () => {
    running = await startTestWarehouse({});
  }, 60_000);
  afterAll(() => running.close());

  it('hands back accepted events in store order, page by page after a position', async () => {
    const sent = [
      anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030001' }),
      anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: 'T-0001' } }, { subject: '3302030002' }),
      anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030003' }),
    ];
    for (const event of sent) {
      const res = await running.post([event], event.subject);
      expect(((await res.json()) as { summary: { accepted: number } }).summary.accepted).toBe(1);
    }

    const all = await feed('after=0&limit=5000');
    expect(all.events.map((e) => e.event.id)).toEqual(sent.map((e) => e.id));
    expect(all.events.map((e) => e.event)).toEqual(sent);
    expect(all.next).toBe(all.events.at(-1)?.position);

    const first = await feed('after=0&limit=2');
    expect(first.events.map((e) => e.event.id)).toEqual([sent[0]?.id, sent[1]?.id]);
    const second = await feed(`after=${first.next}&limit=2`);
    expect(second.events.map((e) => e.event.id)).toEqual([sent[2]?.id]);
    const end = await feed(`after=${second.next}&limit=2`);
    expect(end).toEqual({ events: [], next: second.next });
  });

  it('refuses a limit above 5000 and a position that is not a number', async () => {
    const service = actors.service('educube-assessment', 'educube-warehouse');
    expect((await running.get('/v1/feed?limit=5001', service)).status).toBe(400);
    expect((await running.get('/v1/feed?after=-1', service)).status).toBe(400);
  });

  it("is for the hub's services only: not for anyone anonymous, an officer, a school system, or a token for another service", async () => {
    expect((await fetch(`${running.url}/v1/feed`)).status).toBe(401);
    expect((await running.get('/v1/feed', actors.provinceOfficer('educube-gateway'))).status).toBe(403);
    expect((await running.get('/v1/feed', actors.schoolSystem())).status).toBe(403);
    const elsewhere = await running.get('/v1/feed', actors.service('educube-warehouse', 'educube-identity'));
    expect(elsewhere.status).toBe(401);
    expect(await elsewhere.json()).toMatchObject({ problems: [{ rule: 'wrong-audience' }] });
  });
});
