// Lint is where the architecture is enforced: apps never import each other, domain and
// contract libs import no framework and no I/O client, adapters never import apps.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const frameworkAndIo = [
  '@nestjs/*',
  'fastify',
  'express',
  'kafkajs',
  'pg',
  '@electric-sql/pglite',
  '@eventstore/*',
  '@kurrent/*',
  'keycloak-connect',
  'jose',
  '@apollo/*',
  'graphql',
  'pino',
];

/**
 * Apps never import each other; contracts and domain libs import no framework and no I/O
 * client; adapters build on drivers, never on other adapters. Test code of an adapter may use
 * other adapters (an issuer is tested through the verifier every service uses), nothing more.
 */
function boundaries({ testing }) {
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:driver', 'type:contracts', 'type:platform'] },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:driver', 'type:contracts', ...(testing ? ['type:adapter'] : [])] },
      // drivers: connection-level code (the SQL seam over pg and PGlite) that adapters build on
      { sourceTag: 'type:driver', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'], bannedExternalImports: frameworkAndIo },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: frameworkAndIo },
      // deployment checks read config schemas; tools (the embedded launcher, the benchmark) spawn
      // apps, never import them; they may run an adapter as a process of its own (the embedded
      // issuer) and use pure libs and drivers (the simulator, contracts, the SQL seam)
      { sourceTag: 'type:deploy', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:adapter', 'type:domain', 'type:contracts', 'type:driver'] },
      // A scope may use its own libs and shared ones, never another service's.
      { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
      { sourceTag: 'scope:warehouse', onlyDependOnLibsWithTags: ['scope:warehouse', 'scope:shared'] },
      { sourceTag: 'scope:assessment', onlyDependOnLibsWithTags: ['scope:assessment', 'scope:shared'] },
      { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  };
}

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'tmp/**', '.stack/**', '**/*.js', '**/*.mjs', 'apps/cockpit/src/gql/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    // the cockpit in the browser: it imports no lib of the hub, only what its own folder holds
    files: ['apps/cockpit/**/*.ts', 'apps/cockpit/**/*.tsx', 'apps/cockpit/**/*.mts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: { '@typescript-eslint/no-explicit-any': 'error', 'no-console': 'error' },
  },
  {
    files: ['**/*.ts'],
    ignores: ['apps/cockpit/**'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ testing: false })],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Test files and generators may print; production code logs through pino. With
    // noUncheckedIndexedAccess, `rows[0]!` is the honest way for a test to say "must exist".
    files: ['**/*.spec.ts', '**/*.contract.ts', '**/scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries({ testing: true })],
    },
  },
  // layout is prettier's (checked in each project's lint target), so no lint rule argues with it
  prettier,
];
