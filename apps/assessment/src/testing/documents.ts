/**
 * Files an upload may carry, as real bytes: the assessment allow-lists evidence by what the bytes
 * are (`evidenceTypeOf`), so a test document must be a PDF or an image, not any text.
 */

/** A minimal PDF whose text varies with `note`, so two notes are two documents (two hashes). */
export function pdf(note: string): Buffer {
  const body = `%PDF-1.4\n% ${note}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}

/** A valid 1×1 PNG. */
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** What must never be served from the hub's origin: a page with a script. */
export const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>fetch("/v1/assessment/status")</script></body></html>', 'utf8');
