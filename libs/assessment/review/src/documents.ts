/**
 * Which files a school may upload as evidence, told by their bytes, not by what the upload
 * claims: PDF, PNG/JPEG/GIF/WebP images, and office documents (OOXML, OpenDocument, legacy OLE).
 * Anything else (HTML, SVG, scripts, archives) is refused, so nothing a reviewer downloads can
 * run in the hub's origin.
 */
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

const OLE_TYPES: readonly EvidenceMediaType[] = ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'];

const startsWith = (bytes: Uint8Array, ...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** The kind the bytes are, or undefined when none of the allowed ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceMediaType | 'ole' | undefined {
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    // OpenDocument puts an uncompressed "mimetype" entry first; OOXML names its parts in the
    // local file headers, which sit in the first few kilobytes
    if (ascii(bytes, 30, 38) === 'mimetype') {
      const declared = ascii(bytes, 38, 38 + 60);
      for (const t of [
        'application/vnd.oasis.opendocument.text',
        'application/vnd.oasis.opendocument.spreadsheet',
        'application/vnd.oasis.opendocument.presentation',
      ] as const) {
        if (declared.startsWith(t) && !declared.startsWith(`${t}-`)) return t;
      }
      return undefined;
    }
    const head = ascii(bytes, 0, 64 * 1024);
    if (!head.includes('[Content_Types].xml')) return undefined;
    if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  }
  return undefined;
}

/**
 * The media type a document is stored and served with, or why it is refused. The declared type
 * must be allowed and agree with the bytes (an OLE container may be any of the legacy types).
 */
export function evidenceTypeOf(
  bytes: Uint8Array,
  declared: string,
): { ok: true; mediaType: EvidenceMediaType } | { ok: false; rule: 'media-type.allowed' | 'media-type.matches-content'; message: string } {
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(EVIDENCE_MEDIA_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      rule: 'media-type.allowed',
      message: `${type || '(none)'} is not an evidence type; upload PDF, PNG, JPEG, GIF, WebP or an office document (${EVIDENCE_MEDIA_TYPES.join(', ')})`,
    };
  }
  const sniffed = sniffEvidenceType(bytes);
  if (sniffed === type || (sniffed === 'ole' && OLE_TYPES.includes(type as EvidenceMediaType))) return { ok: true, mediaType: type as EvidenceMediaType };
  return {
    ok: false,
    rule: 'media-type.matches-content',
    message: `the upload says ${type}, but its bytes ${sniffed ? `are ${sniffed === 'ole' ? 'a legacy office (OLE) file' : sniffed}` : 'are none of the evidence types'}`,
  };
}
