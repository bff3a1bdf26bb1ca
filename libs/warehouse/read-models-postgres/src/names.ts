export const SCHEMA = 'read_models';

/** Identifiers come from the table definitions, never from input; quoting keeps reserved words safe. */
export const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
};
export const qualified = (table: string): string => `${SCHEMA}.${ident(table)}`;
