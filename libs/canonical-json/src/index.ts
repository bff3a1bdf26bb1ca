import { createHash } from 'node:crypto';

/**
 * The hub's one canonical JSON and its one SHA-256. Content hashes (the event store's duplicate
 * check, the identity audit chain), read-model checksums and "same content?" comparisons all go
 * through here, so two places can never disagree on the text of one value.
 *
 * canonicalJson is the JSON Canonicalization Scheme (RFC 8785) over what JSON.stringify would
 * serialise: members sorted by their names' UTF-16 code units, no whitespace, numbers and strings
 * as ECMAScript writes them (RFC 8785 §3.2.2 defers to exactly that), `toJSON` honoured (a Date
 * is its ISO string). For values parsed from JSON text, the output equals every serialiser the
 * hub had before this one, which is why their stored hashes stay valid.
 */

export interface CanonicalOptions {
  /**
   * Writes an object member whose value is undefined as `null` instead of leaving it out, as the
   * event store's payload hashes have been computed since the first stored event. Not JCS: only
   * for hashes that must keep matching those already stored.
   */
  readonly undefinedAsNull?: boolean;
}

const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

// One string built as the walk goes and the path kept as a stack of keys, joined only for an error:
// this runs for every event stored (its payload hash), so it must not allocate a path per member.
function write(value: unknown, options: CanonicalOptions, path: (string | number)[]): string {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: () => unknown }).toJSON();
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonical JSON has no ${v} (at ${where(path)})`);
      return JSON.stringify(v);
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let text = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) text += ',';
          const item: unknown = v[i];
          if (skipped(item)) text += 'null';
          else {
            path.push(i);
            text += write(item, options, path);
            path.pop();
          }
        }
        return `${text}]`;
      }
      const object = v as Record<string, unknown>;
      let text = '{';
      let first = true;
      for (const key of Object.keys(object).sort()) {
        const member = object[key];
        let written: string;
        if (member === undefined && options.undefinedAsNull) written = 'null';
        else if (skipped(member)) continue;
        else {
          path.push(key);
          written = write(member, options, path);
          path.pop();
        }
        text += `${first ? '' : ','}${JSON.stringify(key)}:${written}`;
        first = false;
      }
      return `${text}}`;
    }
  }
  // undefined, a function, a symbol or a bigint: nothing JSON can say
  throw new TypeError(`canonical JSON has no ${typeof v} (at ${where(path)})`);
}

const where = (path: readonly (string | number)[]): string => (path.length ? `/${path.join('/')}` : 'the top');

/** RFC 8785 canonical JSON of a JSON-like value; throws on what JSON cannot hold (NaN, bigint, a bare undefined). */
export function canonicalJson(value: unknown, options: CanonicalOptions = {}): string {
  return write(value, options, []);
}

/** Hex SHA-256 of the parts' bytes in order (strings as UTF-8). */
export function sha256Hex(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** Hex SHA-256 of a value's canonical JSON. */
export const canonicalSha256 = (value: unknown, options?: CanonicalOptions): string => sha256Hex(canonicalJson(value, options));
