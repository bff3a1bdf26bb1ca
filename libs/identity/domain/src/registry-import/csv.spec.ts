import { csvLine, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\n1,,3\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, fields: ['1', '', '3'] },
    ]);
  });
  it('reads a last line without a line end and an empty quoted field', () => {
    expect(parseCsv('a,b\n"",z').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['', 'z'] },
    ]);
  });
  it.each([
    ['an unclosed quote', 'a\n"open', 1],
    ['a stray quote', 'a\nab"c', 1],
  ])('reports %s', (_what, text, n) => {
    expect(parseCsv(text).problems).toHaveLength(n);
  });
  it('round-trips what csvLine writes', () => {
    const values = ['宁波市"一中"', 'a,b', 'plain', ''];
    expect(parseCsv(csvLine(values)).records[0]?.fields).toEqual(values);
  });
});
