/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes, "" for a quote
 * inside quotes, CRLF or LF line ends, quoted fields may span lines. A UTF-8 BOM (Excel's
 * export) is dropped; blank lines are skipped. Written by hand so the domain adds no dependency.
 */
export interface CsvRecord {
  /** the file line the record starts on, 1-based (the header is line 1) */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < src.length) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    switch (ch) {
      case '"':
        if (field === '' && !quotedField) {
          inQuotes = true;
          quotedField = true;
        } else {
          problems.push({ line, message: 'a double quote inside an unquoted field; quote the whole field and double the quote ("")' });
          field += ch;
        }
        break;
      case ',':
        endField();
        break;
      case '\r':
        break;
      case '\n':
        endRecord();
        line += 1;
        recordLine = line;
        break;
      default:
        field += ch;
    }
    i += 1;
  }
  if (inQuotes) problems.push({ line: recordLine, message: 'a quoted field is not closed before the end of the file' });
  if (field !== '' || fields.length > 0) endRecord();
  return { records, problems };
}

/** Quotes a field when it needs it, for writing CSV (tests, reports). */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
export const csvLine = (values: readonly string[]): string => values.map(csvField).join(',');
