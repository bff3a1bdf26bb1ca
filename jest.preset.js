// One Jest setup for every project. Tiers are told apart by file suffix:
//   *.spec.ts      unit tests beside the code, no server
//   *.int.spec.ts  integration tests against the real servers started by scripts/stack
//   *.e2e.spec.ts  the running system (later issues)
// Each project's jest.config.js calls forProject(__dirname); Nx runs one tier per target
// (nx.json sets each tier's --testTimeout, which Jest reads only globally: 30 s for unit tests,
// since booting a service on PGlite's WebAssembly takes seconds on a loaded 2-core machine).
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/[/]/g, '\\/')}$`, path.join(root, target)]),
);

const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

function tier(displayName, testMatch, extra = {}) {
  return {
    displayName,
    testEnvironment: 'node',
    testMatch,
    transform,
    // jose and openid-client (with its oauth4webapi) are published as ESM only; let swc turn them into CommonJS for Jest.
    transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
    moduleNameMapper,
    ...extra,
  };
}

function forProject(projectRoot) {
  return {
    rootDir: projectRoot,
    projects: [
      tier('unit', ['<rootDir>/**/*.spec.ts'], {
        rootDir: projectRoot,
        testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', '/node_modules/'],
      }),
      tier('integration', ['<rootDir>/**/*.int.spec.ts'], {
        rootDir: projectRoot,
      }),
      tier('e2e', ['<rootDir>/**/*.e2e.spec.ts'], {
        rootDir: projectRoot,
      }),
    ],
  };
}

module.exports = { forProject };
