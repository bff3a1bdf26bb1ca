import { ESLint } from 'eslint';
import { join } from 'node:path';

// The architecture is only as real as the lint rule that enforces it: each case below is an
// import the rules must refuse, linted as if it sat in the named project.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('project boundaries', () => {
  it.each([
    [
      'an app importing another app',
      'apps/identity/src/probe.ts',
      "import { gatewayService } from '../../gateway/src/service';\nexport const x = gatewayService;\n",
    ],
    ['the contracts importing a Kafka client', 'libs/contracts/src/probe.ts', "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n"],
    ['the contracts importing NestJS', 'libs/contracts/src/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ['the contracts importing an adapter', 'libs/contracts/src/probe.ts', "import { createPool } from '@educube/postgres';\nexport const x = createPool;\n"],
    [
      'an adapter importing the service kit',
      'libs/adapters/kafka/src/probe.ts',
      "import { startService } from '@educube/service-kit';\nexport const x = startService;\n",
    ],
    [
      'a driver importing an adapter',
      'libs/adapters/postgres/src/probe.ts',
      "import { PostgresEventStore } from '@educube/event-store';\nexport const x = PostgresEventStore;\n",
    ],
    [
      'the launcher importing a library',
      'tools/embedded/src/probe.ts',
      "import { startService } from '@educube/service-kit';\nexport const x = startService;\n",
    ],
  ])('refuses %s', async (_case, file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'an app importing the service kit and contracts',
      'apps/gateway/src/probe.ts',
      "import { startService } from '@educube/service-kit';\nimport { TOPICS } from '@educube/contracts';\nexport const x = [startService, TOPICS];\n",
    ],
    ['an adapter building on the SQL driver', 'libs/event-store/src/probe.ts', "import { fromPool } from '@educube/postgres';\nexport const x = fromPool;\n"],
    ['an adapter importing the contracts', 'libs/adapters/kafka/src/probe.ts', "import { TOPICS } from '@educube/contracts';\nexport const x = TOPICS;\n"],
  ])('allows %s', async (_case, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
