import { z } from 'zod';

// Apart from openapi.ts, which lists the kit's controllers: they describe their own routes with
// `Api`, and an import of openapi.ts from their files would be a cycle.

/** A response a route answers: JSON by default; `schema` omitted for one without a body (204, a redirect). */
export interface ResponseSpec {
  readonly status?: number;
  readonly description?: string;
  readonly schema?: z.ZodType;
  readonly contentType?: string;
}

/** What the OpenAPI document says about a route besides what its parameter decorators register. */
export interface RouteSpec {
  readonly summary?: string;
  readonly description?: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** default application/json */
  readonly bodyContentType?: string;
  /** the success answer (200 JSON unless said) */
  readonly response?: z.ZodType | ResponseSpec;
  /** further answers: other successes, or error statuses beyond the ones every route may give */
  readonly responses?: readonly ResponseSpec[];
  /** error statuses this route answers besides 400 (when it validates input), 401/403 (protected), 429 and 500 */
  readonly errors?: readonly number[];
}

export const OPENAPI_METADATA = 'educube:openapi';

/** What `@Api` and the parameter decorators declared of a handler: the document and the response check read the same spec. */
export const routeSpecOf = (handler: object): RouteSpec => (Reflect.getMetadata(OPENAPI_METADATA, handler) as RouteSpec | undefined) ?? {};

/** The answers a route documents with their status: its success (when modelled) first, then the further ones. */
export function documentedResponses(spec: RouteSpec): ResponseSpec[] {
  const success = spec.response === undefined ? [] : [spec.response instanceof z.ZodType ? { schema: spec.response } : spec.response];
  return [...success, ...(spec.responses ?? [])];
}

export const mergeSpec = (handler: object, more: RouteSpec): void => {
  Reflect.defineMetadata(OPENAPI_METADATA, { ...routeSpecOf(handler), ...more }, handler);
};

/** Describes a route for the OpenAPI document: its answer, its summary, the errors it may give. */
export const Api =
  (spec: RouteSpec): MethodDecorator =>
  (_target, _key, descriptor) => {
    mergeSpec(descriptor.value as object, spec);
    return descriptor;
  };

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * What a handler may return for a response schema: its input, read-only all the way down, so a
 * domain type's readonly arrays fit. As a handler's return type it ties the code to the
 * documented (and, under test, checked) shape at compile time.
 */
export type AnswerOf<S extends z.ZodType> = DeepReadonly<z.input<S>>;
