import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/**
 * The cockpit reads only the gateway's GraphQL, as the signed-in person: the browser sends the
 * session cookie (same origin). No session → the gateway's sign-in, back here afterwards.
 */
export class SignInNeeded extends Error {}

export async function query<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  if (res.status === 401) {
    location.assign(`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
    throw new SignInNeeded();
  }
  const body = (await res.json()) as { data?: R; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new Error(`the gateway answered ${res.status} without data`);
  return body.data;
}

let ws: Client | undefined;

/** A live subscription; returns the function that ends it. */
export function subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V, onData: (data: R) => void): () => void {
  ws ??= createClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`, lazy: true, retryAttempts: 5 });
  return ws.subscribe<R>(
    { query: print(document), variables: variables as Record<string, unknown> },
    { next: (v) => v.data && onData(v.data), error: () => undefined, complete: () => undefined },
  );
}
