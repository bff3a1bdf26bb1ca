import { PGlite } from '@electric-sql/pglite';
import { eventStoreContract } from '../event-store.contract';
import { payloadHash, PostgresEventStore } from './postgres-event-store';
import { fromPGlite } from '@educube/postgres';

// The embedded default: the same adapter on an in-process PGlite.
eventStoreContract('PostgreSQL adapter on PGlite', async () => PostgresEventStore.open(fromPGlite(new PGlite())));

describe('payloadHash', () => {
  it('ignores key order and sees every value', () => {
    expect(payloadHash({ type: 'T', data: { a: 1, b: [1, { c: 2, d: 3 }] } })).toBe(payloadHash({ type: 'T', data: { b: [1, { d: 3, c: 2 }], a: 1 } }));
    expect(payloadHash({ type: 'T', data: { a: 1 } })).not.toBe(payloadHash({ type: 'T', data: { a: 2 } }));
    expect(payloadHash({ type: 'T', data: { a: 1 } })).not.toBe(payloadHash({ type: 'U', data: { a: 1 } }));
  });
});
