import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventRegistry } from '@educube/contracts';
import { checkEvent } from './check';
import { readEvents } from './read';
import { runValidate, validateStream } from './validate';
import { corpus, CORPUS_NOW } from './testing/corpus';

const dir = mkdtempSync(join(tmpdir(), 'producer-kit-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const sink = (): { stream: PassThrough; text: () => string } => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
};
const run = async (argv: string[], stdin: Readable = Readable.from([])) => {
  const out = sink();
  const err = sink();
  const code = await runValidate(argv, { stdin, out: out.stream, err: err.stream, now: CORPUS_NOW });
  return { code, out: out.text(), err: err.text() };
};
const ndjson = (events: readonly unknown[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

describe('the validator judges as the hub does', () => {
  const cases = corpus();

  it.each(cases.map((c) => [c.name, c] as const))('%s: the same verdict and problems as eventRegistry.validate', (_name, c) => {
    const hub = eventRegistry.validate(c.event, { now: CORPUS_NOW });
    const kit = checkEvent(c.event, { now: CORPUS_NOW });
    expect(kit.ok).toBe(hub.ok);
    expect(kit.problems).toEqual(hub.ok ? [] : hub.problems);
    if (c.rule === null) expect(kit.ok).toBe(true);
    else expect(kit.problems.map((p) => p.rule)).toEqual([c.rule]);
  });

  it('adds the hub-side rules a contract cannot see: text PostgreSQL cannot store, and the token’s schools', () => {
    const event = { ...cases[0]!.event, id: 'nul\u0000id' };
    const contract = eventRegistry.validate(event, { now: CORPUS_NOW });
    expect(contract.ok ? [] : contract.problems.map((p) => p.rule)).not.toContain('no-nul-character');
    expect(checkEvent(event, { now: CORPUS_NOW }).problems.map((p) => `${p.path} ${p.rule}`)).toContain('/id no-nul-character');
    const other = checkEvent(cases[0]!.event, { now: CORPUS_NOW, schools: ['3302030002'] });
    expect(other.problems.map((p) => p.rule)).toEqual(['own-school']);
  });

  it('reports every event of an NDJSON file with its line, the summary, and exit 1 when one is invalid', async () => {
    const path = file('corpus.ndjson', ndjson(cases.map((c) => c.event)));
    const { code, out } = await run([path]);
    expect(code).toBe(1);
    expect(out).toContain(
      `line 9  id=${String(cases[8]!.event['id'])}  cn.educube.grading.ExamScoresPublished.v1  rejected\n    /data/scored  max  cannot exceed candidates (40)  value: 41`,
    );
    expect(out).toContain('summary: 10 events, 3 valid, 7 invalid, 0 unreadable');
  });

  it('--json gives each event’s problems as eventRegistry.validate gives them; exit 0 when all are valid', async () => {
    const events = cases.map((c) => c.event);
    const { code, out } = await run([file('corpus.json', JSON.stringify(events, null, 2)), '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { events: { index: number; id: string; ok: boolean; problems: unknown[] }[]; summary: unknown };
    expect(report.events.map((e) => e.problems)).toEqual(
      events.map((e) => {
        const v = eventRegistry.validate(e, { now: CORPUS_NOW });
        return v.ok ? [] : v.problems;
      }),
    );
    expect(report.summary).toEqual({ events: 10, valid: 3, invalid: 7, unreadable: 0 });
    const valid = await run([file('valid.json', JSON.stringify(events.slice(0, 3)))]);
    expect(valid.code).toBe(0);
  });

  it('says which NDJSON line is not JSON and where, still judges the other lines, and exits 2', async () => {
    const good = ndjson(cases.slice(0, 2).map((c) => c.event));
    const path = file('broken.ndjson', `${good}{"specversion": "1.0", "id": oops}\n${JSON.stringify(cases[2]!.event)}\n`);
    const { code, out, err } = await run([path]);
    expect(code).toBe(2);
    expect(err).toMatch(/unreadable: not JSON at line 3 column 30: unexpected "oops}"/);
    expect(out).toContain('summary: 3 events, 3 valid, 0 invalid, 1 unreadable');
  });

  it('says where a JSON array breaks, by line and column', async () => {
    const { code, err } = await run([file('broken.json', '[\n  {"id": "a"},\n  {"id": "b" "type": 1}\n]')]);
    expect(code).toBe(2);
    expect(err).toMatch(/not JSON at line 3 column 14: unexpected/);
    expect((await run([file('short.json', '[\n  {"id": "a"')])).err).toMatch(/not JSON at line 2 column 13: the input ends too early/);
  });

  it('exits 2 on a missing file, an empty input and a bad option', async () => {
    expect((await run([join(dir, 'nope.ndjson')])).err).toMatch(/cannot read .*nope\.ndjson/);
    expect((await run([join(dir, 'nope.ndjson')])).code).toBe(2);
    expect((await run([file('empty.ndjson', '\n\n')])).code).toBe(2);
    expect((await run(['--frobnicate', 'x'])).code).toBe(2);
  });

  it('reads stdin as a stream: each verdict is known before the input ends', async () => {
    const stdin = new PassThrough();
    const seen: string[] = [];
    const done = validateStream(stdin, { now: CORPUS_NOW }, (v) => seen.push(v.id ?? ''));
    stdin.write(`${JSON.stringify(cases[0]!.event)}\n`);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([cases[0]!.event['id']]);
    stdin.end(`${JSON.stringify(cases[4]!.event)}\n`);
    const result = await done;
    expect(result.events.map((e) => e.ok)).toEqual([true, false]);
    const viaCli = await run(['-'], Readable.from([ndjson([cases[1]!.event])]));
    expect(viaCli.code).toBe(0);
  });

  it('tells a JSON array from NDJSON by the first character', async () => {
    const items = [];
    for await (const item of readEvents(Readable.from(['\ufeff  \n[{"a":1},\n{"b":2}]']))) items.push(item);
    expect(items).toEqual([
      { kind: 'event', index: 0, line: null, raw: { a: 1 } },
      { kind: 'event', index: 1, line: null, raw: { b: 2 } },
    ]);
  });
});
