const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);
const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The bytes of each element of a top-level JSON array, exactly as sent (whitespace around an
 * element trimmed), so a dead letter keeps what the school system sent rather than our
 * re-serialisation. Call only on bytes that JSON.parse accepted. Scanning bytes is safe in
 * UTF-8: every byte of a multi-byte character is ≥ 0x80, never a quote, bracket or comma.
 * Undefined when the value is not an array.
 */
export function arrayElementBytes(bytes: Buffer): Buffer[] | undefined {
  let i = 0;
  while (i < bytes.length && SPACE.has(bytes[i] as number)) i += 1;
  if (bytes[i] !== 0x5b) return undefined;
  const out: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  const flush = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && SPACE.has(bytes[s] as number)) s += 1;
    while (e > s && SPACE.has(bytes[e - 1] as number)) e -= 1;
    if (e > s) out.push(bytes.subarray(s, e));
  };
  for (; i < bytes.length; i += 1) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i += 1;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (OPEN.has(b)) {
      depth += 1;
      if (depth === 1) start = i + 1;
    } else if (CLOSE.has(b)) {
      depth -= 1;
      if (depth === 0) {
        flush(i);
        break;
      }
    } else if (b === COMMA && depth === 1) {
      flush(i);
      start = i + 1;
    }
  }
  return out;
}
