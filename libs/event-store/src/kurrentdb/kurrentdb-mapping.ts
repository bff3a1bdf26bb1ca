import { createHash } from 'node:crypto';
import { sha256Hex } from '@educube/canonical-json';

/** A KurrentDB log position: where the event's transaction commits, and the event's own record. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const U64 = 2n ** 64n;

/**
 * One bigint for the port from KurrentDB's two offsets. $all is ordered by (commit, prepare),
 * and each is below 2^64, so `commit * 2^64 + prepare` keeps that order, is unique per event,
 * and unpacks exactly to resume a read. It is wider than 64 bits, hence the checkpoint
 * table's numeric column.
 */
export function packPosition({ commit, prepare }: LogPosition): bigint {
  if (commit < 0n || prepare < 0n || commit >= U64 || prepare >= U64) throw new RangeError(`log position ${commit}/${prepare} is outside 0..2^64`);
  return commit * U64 + prepare;
}

export function unpackPosition(position: bigint): LogPosition {
  if (position < 0n || position >= U64 * U64) throw new RangeError(`position ${position} is not a packed KurrentDB log position`);
  return { commit: position / U64, prepare: position % U64 };
}

/**
 * KurrentDB wants a UUID per event; the port's ids are any string (CloudEvent ids). A
 * name-based UUID (version 5 layout, SHA-1 of a namespace and the id) is stable, so a retry
 * sends the same one; the port's id itself travels in the event's metadata.
 */
export function nameUuid(name: string): string {
  const b = createHash('sha1').update('educube-event-store\u0000').update(name).digest().subarray(0, 16);
  const [v, r] = [b.readUInt8(6), b.readUInt8(8)];
  b.writeUInt8((v & 0x0f) | 0x50, 6);
  b.writeUInt8((r & 0x3f) | 0x80, 8);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One marker stream per event id, written with expected state NO_STREAM in the same atomic
 * append as the event: KurrentDB dedupes ids only within a stream, the marker makes an id
 * unique across the store. The prefix can never be a port stream id (`<category>-<id>`,
 * category lower-case letters and digits) and is filtered out of every global read.
 */
export const MARKER_PREFIX = '_eventid-';

export function markerStream(eventId: string): string {
  return `${MARKER_PREFIX}${sha256Hex(eventId)}`;
}

/** Streams a global read hands over: none of KurrentDB's own ($…) and no id markers. */
export function isPortStream(streamId: string): boolean {
  return !streamId.startsWith('$') && !streamId.startsWith(MARKER_PREFIX);
}
