const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * How deep a body or a Kafka record value may nest arrays and objects. A batch is level 1, an
 * event 2, its data 3; the contracts' events need a handful of levels. JSON nested thousands
 * deep parses, but then overflows the stack of whatever walks it recursively.
 */
export const MAX_JSON_DEPTH = 64;

/** Where a JSON text first nests deeper than allowed. */
export interface TooDeep {
  /** the level reached (limit + 1) */
  readonly depth: number;
  /** byte offset of the "[" or "{" that opens it */
  readonly offset: number;
}

/**
 * Scans JSON bytes for the first "[" or "{" that opens a level deeper than `limit`, outside
 * strings and respecting escapes; undefined when the text stays within it. Linear, no
 * recursion, no allocation, so it can run before JSON.parse. It does not validate the JSON:
 * on malformed text it only counts brackets, and JSON.parse refuses the rest. Safe on UTF-8:
 * every byte of a multi-byte character is ≥ 0x80, never a quote, backslash or bracket.
 */
export function jsonTooDeep(bytes: Uint8Array, limit = MAX_JSON_DEPTH): TooDeep | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i += 1;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return { depth, offset: i };
    } else if ((b === CLOSE_ARRAY || b === CLOSE_OBJECT) && depth > 0) depth -= 1;
  }
  return undefined;
}

/** The refusal, in words a person can act on. */
export const tooDeepMessage = (what: string, tooDeep: TooDeep, limit = MAX_JSON_DEPTH): string =>
  `${what} nests arrays and objects more than ${limit} levels deep (level ${tooDeep.depth} opens at byte offset ${tooDeep.offset}); flatten the data`;
