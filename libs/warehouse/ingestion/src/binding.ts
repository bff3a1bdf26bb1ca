import { isJsonMediaType } from '@educube/contracts';

/**
 * Which CloudEvents HTTP binding (HTTP protocol binding 1.0, §3) a POST uses, read from its
 * headers before the body is looked at:
 * - **structured**: `content-type: application/cloudevents+json` — the body is the event;
 * - **batch**: `content-type: application/cloudevents-batch+json` — the body is a JSON array of events;
 * - **binary**: any other content type with `ce-*` headers — one event, its attributes in the
 *   headers (`ce-id`, `ce-type`, …, percent-decoded), its `data` the body, `content-type` its
 *   `datacontenttype`;
 * - **json**: `application/json` without `ce-*` headers — the hub's documented alias for a batch
 *   (a JSON array); anything else sent this way is neither binding and is refused as such.
 */
export type HttpBinding =
  | { readonly mode: 'structured' | 'batch' | 'json' }
  | { readonly mode: 'binary'; readonly attributes: Readonly<Record<string, string>>; readonly contentType: string | undefined };

export const STRUCTURED = 'application/cloudevents+json';
export const BATCH = 'application/cloudevents-batch+json';

/** What the refusal of a body that is neither binding says. */
export const EXPECTED_BINDINGS =
  'send one CloudEvent in binary mode (ce-specversion, ce-id, ce-type, ce-source, ce-subject, ce-time headers, the data as the body), ' +
  `one in structured mode (content-type ${STRUCTURED}), or a batch (content-type ${BATCH}, or application/json, a JSON array of CloudEvents)`;

/** A media type without its parameters, lower case: `Application/JSON; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export class HeaderProblem extends Error {
  constructor(
    readonly header: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;
const one = (v: string | readonly string[] | undefined): string | undefined => (Array.isArray(v) ? (v as readonly string[])[0] : (v as string | undefined));

/** Reads the binding of a request from its headers (names in lower case, as Node gives them). */
export function bindingOf(headers: Headers): HttpBinding {
  const contentType = one(headers['content-type']);
  const media = mediaTypeOf(contentType);
  if (media === STRUCTURED) return { mode: 'structured' };
  if (media === BATCH) return { mode: 'batch' };
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('ce-')) continue;
    const attribute = name.slice(3).toLowerCase();
    const raw = one(value);
    if (raw === undefined) continue;
    // §3.1.3.2: a header value is percent-encoded where it is not printable ASCII
    try {
      attributes[attribute] = decodeURIComponent(raw);
    } catch {
      throw new HeaderProblem(
        name.toLowerCase(),
        'percent-encoding',
        `the header ${name.toLowerCase()} is not valid percent-encoded UTF-8 (CloudEvents HTTP binding §3.1.3.2): ${JSON.stringify(raw.slice(0, 120))}`,
      );
    }
  }
  if (Object.keys(attributes).length > 0) return { mode: 'binary', attributes, contentType };
  return { mode: 'json' };
}

/**
 * The event of a binary-mode request, in the structured form the contract validates: the
 * attributes from the headers, `data` from the body. A JSON `content-type` (charset utf-8 or
 * none) is the default data content type and is left out, so the event is the same as when it
 * is sent structured without one; any other content type becomes its `datacontenttype`, which
 * the contract then refuses (the hub takes JSON data in UTF-8 only).
 */
export function binaryEvent(binding: Extract<HttpBinding, { mode: 'binary' }>, data: unknown): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...binding.attributes };
  // an HTTP media type is case-insensitive (RFC 9110 §8.3.1): compared in lower case
  if (binding.contentType !== undefined && !isJsonMediaType(binding.contentType.replace(/^[^;]*/, (t) => t.trim().toLowerCase())))
    raw['datacontenttype'] = binding.contentType;
  raw['data'] = data;
  return raw;
}
