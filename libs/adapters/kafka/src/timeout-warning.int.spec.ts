import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

// Node prints TimeoutNegativeWarning once per process, from the first negative setTimeout, so it
// is only seen in a fresh process: a child that loads the adapter the way the apps do and talks
// to the stack's broker (admin, producer, consumer), then quits.
const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092';
const workspace = join(__dirname, '../../../..');

const script = `
const { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer } = require(${JSON.stringify(join(__dirname, 'index.ts'))});
const brokers = process.env.KAFKA_BROKERS.split(',');
const topic = 'it-timeout-warning-' + process.env.RUN;
(async () => {
  const admin = new KafkaJsAdmin({ brokers, clientId: 'it-timeout-warning' });
  await admin.ensureTopics([{ topic, partitions: 1 }]);
  const producer = new KafkaJsProducer({ brokers, clientId: 'it-timeout-warning' });
  await producer.connect();
  await producer.send(topic, [{ key: 'k', value: Buffer.from('v'), headers: {} }]);
  const consumer = new KafkaJsConsumer({ brokers, clientId: 'it-timeout-warning', groupId: topic });
  await consumer.connect();
  await consumer.subscribe([topic]);
  let got;
  const received = new Promise((resolve) => (got = resolve));
  await consumer.run(async (batch) => got(batch.length));
  console.log('received ' + (await received));
  await consumer.disconnect();
  await producer.disconnect();
  await admin.disconnect();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

it('talks to the broker without a TimeoutNegativeWarning (kafkajs#1751)', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_BROKERS: brokers, RUN: randomUUID() };
  // the test runner's flags (--experimental-vm-modules, warnings disabled) must not reach the child
  delete env['NODE_OPTIONS'];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, received: /^received 1$/m.test(stdout) }).toEqual({ code: 0, received: true });
  expect(stderr).not.toContain('TimeoutNegativeWarning');
});
