import { evidenceTypeOf, sniffEvidenceType } from './documents';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const zipEntry = (name: string, body = '') => bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(22), [name.length, 0, 0, 0], name, body);

describe('evidence media types, by their bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image/jpeg'],
    ['a GIF', bytes('GIF89a\x01\x00'), 'image/gif'],
    ['a WebP', bytes('RIFF\x10\x00\x00\x00WEBPVP8 '), 'image/webp'],
    ['a .docx', zipEntry('[Content_Types].xml', '<Types/>word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a .xlsx', zipEntry('[Content_Types].xml', '<Types/>xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['an .odt', zipEntry('mimetype', 'application/vnd.oasis.opendocument.textPK'), 'application/vnd.oasis.opendocument.text'],
  ])('accepts %s declared as what it is', (_what, content, type) => {
    expect(sniffEvidenceType(content)).toBe(type);
    expect(evidenceTypeOf(content, `${type}; charset=binary`)).toEqual({ ok: true, mediaType: type });
  });

  it('accepts a legacy office file as any of the legacy types, since OLE does not say which', () => {
    const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(evidenceTypeOf(ole, 'application/msword')).toMatchObject({ ok: true });
    expect(evidenceTypeOf(ole, 'application/vnd.ms-excel')).toMatchObject({ ok: true });
    expect(evidenceTypeOf(ole, 'application/pdf')).toMatchObject({ ok: false, rule: 'media-type.matches-content' });
  });

  it.each([
    ['HTML', bytes('<!doctype html><script>alert(1)</script>'), 'text/html', 'media-type.allowed'],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml', 'media-type.allowed'],
    ['HTML claiming to be a PDF', bytes('<html><script>steal()</script></html>'), 'application/pdf', 'media-type.matches-content'],
    ['a PDF claiming to be a PNG', bytes('%PDF-1.4'), 'image/png', 'media-type.matches-content'],
    [
      'a plain zip claiming to be a .docx',
      zipEntry('evil.js', 'x'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'media-type.matches-content',
    ],
    ['no type at all', bytes('%PDF-1.4'), '', 'media-type.allowed'],
    ['an empty file', bytes(''), 'application/pdf', 'media-type.matches-content'],
  ])('refuses %s', (_what, content, declared, rule) => {
    expect(evidenceTypeOf(content, declared)).toMatchObject({ ok: false, rule });
  });
});
