import { eventStoreContract } from '../event-store.contract';
import { KurrentDBEventStore } from './kurrentdb-event-store';

// The same contract as PostgreSQL, against a KurrentDB 25.1+ server named by KURRENTDB_URL
// (e.g. kurrentdb://127.0.0.1:2113?tls=false). The stack scripts start none: these machines
// can install no KurrentDB, so without the variable the suite is skipped, and says so.
const url = process.env['KURRENTDB_URL'];

if (url) {
  // Streams are fresh UUIDs per test, so a shared server needs no clean-up. Positions are log
  // offsets: strictly increasing, never contiguous.
  eventStoreContract('KurrentDB adapter', async () => KurrentDBEventStore.connect(url), { contiguousPositions: false, wakesOnAppend: true });
} else {
  describe.skip('event store contract: KurrentDB adapter — skipped, KURRENTDB_URL is not set (no KurrentDB server on this machine)', () => {
    it('runs the event store contract against KurrentDB', () => undefined);
  });
}
