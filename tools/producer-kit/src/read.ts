import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One item of the input: an event as parsed (not yet validated), or a part that is not JSON. */
export type Item =
  | { readonly kind: 'event'; readonly index: number; readonly line: number | null; readonly raw: unknown }
  | { readonly kind: 'unreadable'; readonly line: number; readonly column: number; readonly message: string };

/** Where `position` (a UTF-16 offset) falls in `text`: line and column, both from 1. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < position && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      start = i + 1;
    }
  }
  return { line, column: Math.min(position, text.length) - start + 1 };
}

/**
 * Where JSON text first goes wrong, as an offset: a small scanner of the JSON grammar (RFC 8259),
 * run only after JSON.parse has refused the text, because V8 does not always say where
 * ("Unexpected token 'o', …" names no position). Returns the text's length when it ends early.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i += 1;
    }
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i += 1;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i += 1;
        return;
      }
      if (c < 0x20) fail();
      if (c === 92) {
        i += 1;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k += 1) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 1;
        else fail();
      } else i += 1;
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') return void (i += 1);
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        value(depth + 1);
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === '}') return void (i += 1);
        else fail();
      }
    }
    if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') return void (i += 1);
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === ']') return void (i += 1);
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

/**
 * JSON.parse's complaint, with the place as line and column of `text` (from the scanner above):
 * `firstLine` is the line `text` starts on in the file.
 */
export function jsonError(text: string, error: unknown, firstLine = 1): { line: number; column: number; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const position = jsonErrorOffset(text);
  const { line, column } = lineColumn(text, position);
  const found = position >= text.length ? 'the input ends too early' : `unexpected ${JSON.stringify(text.slice(position, position + 12))}`;
  const reason = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return { line: line + firstLine - 1, column, message: `not JSON at line ${line + firstLine - 1} column ${column}: ${found} (${reason})` };
}

const BOM = /^\ufeff/;

/**
 * Reads events from a stream: a JSON array of CloudEvents (read whole, it must be one JSON
 * document), or NDJSON — one event per line, read line by line as it arrives, so a producer can
 * pipe a live stream; blank lines are skipped and a line that is not JSON is reported and
 * skipped, the rest still read. Which of the two is told by the first character that is not
 * white space: `[` is an array.
 */
export async function* readEvents(input: Readable): AsyncGenerator<Item> {
  input.setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let mode: 'unknown' | 'array' | 'ndjson' = 'unknown';
  let buffered: string[] = [];
  let lineNo = 0;
  let index = 0;
  for await (const rawLine of lines) {
    lineNo += 1;
    const line = lineNo === 1 ? rawLine.replace(BOM, '') : rawLine;
    if (mode === 'unknown') {
      const trimmed = line.trimStart();
      if (trimmed === '') {
        buffered.push(line);
        continue;
      }
      mode = trimmed.startsWith('[') ? 'array' : 'ndjson';
    }
    if (mode === 'array') {
      buffered.push(line);
      continue;
    }
    if (line.trim() === '') continue;
    try {
      yield { kind: 'event', index: index++, line: lineNo, raw: JSON.parse(line) as unknown };
    } catch (error) {
      yield { kind: 'unreadable', ...jsonError(line, error, lineNo) };
    }
  }
  if (mode !== 'array') return;
  const text = buffered.join('\n');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    yield { kind: 'unreadable', ...jsonError(text, error) };
    return;
  }
  buffered = [];
  if (!Array.isArray(parsed)) {
    yield { kind: 'unreadable', line: 1, column: 1, message: 'the input starts with [ but is not a JSON array' };
    return;
  }
  for (const raw of parsed) yield { kind: 'event', index: index++, line: null, raw };
}
