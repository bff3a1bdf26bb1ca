import type { CodegenConfig } from '@graphql-codegen/cli';

// Query types from the gateway's committed schema: a field the cockpit asks for that the schema
// lacks, or of another type, fails `npm run cockpit:codegen` and the type check.
const config: CodegenConfig = {
  schema: 'apps/gateway/schema.graphql',
  documents: ['apps/cockpit/src/**/*.ts', 'apps/cockpit/src/**/*.tsx', '!apps/cockpit/src/gql/**'],
  generates: {
    'apps/cockpit/src/gql/': { preset: 'client', config: { useTypeImports: true, enumsAsTypes: true }, presetConfig: { fragmentMasking: false } },
  },
};
export default config;
