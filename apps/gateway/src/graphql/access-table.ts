import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ACCESS_METADATA, type AccessDeclaration } from '@educube/service-kit';
import { isObjectType, type GraphQLSchema } from 'graphql';

export interface FieldAccess {
  /** `Query.region`, `Region.schools` */
  readonly field: string;
  readonly handler: string;
  readonly access: AccessDeclaration | undefined;
}

type ResolverClass = abstract new (...args: never[]) => unknown;

/**
 * Every field a resolver class answers (Query, Subscription, Mutation fields and object fields
 * with their own resolver) with the access it declares. Read from the decorators alone, so a
 * test can hold a field without a declaration against the build.
 */
export function fieldAccess(resolvers: readonly ResolverClass[]): FieldAccess[] {
  const out: FieldAccess[] = [];
  for (const type of resolvers) {
    const parent = Reflect.getMetadata(RESOLVER_TYPE_METADATA, type) as (() => { name: string }) | string | undefined;
    const parentName = typeof parent === 'function' ? parent().name : parent;
    const proto = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || typeof proto[name] !== 'function') continue;
      const method = proto[name] as object;
      const root = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
      const isField = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method) === true;
      if (!root && !isField) continue;
      const fieldName = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? name;
      const access = (Reflect.getMetadata(ACCESS_METADATA, method) ?? Reflect.getMetadata(ACCESS_METADATA, type)) as AccessDeclaration | undefined;
      out.push({ field: `${root ?? parentName}.${fieldName}`, handler: `${type.name}.${name}`, access });
    }
  }
  return out.sort((a, b) => a.field.localeCompare(b.field));
}

/** The snapshot a reviewer reads: one line per field with a resolver. */
export const describeFields = (fields: readonly FieldAccess[]): string =>
  `${fields.map((f) => `${f.field.padEnd(36)} ${f.access === undefined ? 'UNDECLARED' : f.access.kind === 'public' ? `public — ${f.access.why}` : `${f.access.roles.join(', ')} — ${f.access.scope}`}`).join('\n')}\n`;

/** Root fields of the schema that no declared resolver answers (a resolver added some other way). */
export function rootFieldsWithoutDeclaration(schema: GraphQLSchema, fields: readonly FieldAccess[]): string[] {
  const declared = new Set(fields.filter((f) => f.access).map((f) => f.field));
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .filter((t) => t !== null && t !== undefined && isObjectType(t))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`))
    .filter((f) => !declared.has(f));
}
