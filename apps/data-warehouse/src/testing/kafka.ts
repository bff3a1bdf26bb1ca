import { TOPIC_PARTITIONS, TOPICS } from '@educube/contracts';
import { Kafka, logLevel } from 'kafkajs';

/** The stack's brokers (`KAFKA_BROKERS`, else the stack's default port). */
export const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates the family topics that are missing and sets `groupId` at the end of every one, so a
 * suite's new consumer group starts after what other suites left there.
 */
export async function groupAtTopicEnds(groupId: string, clientId: string): Promise<void> {
  const admin = new Kafka({ brokers: BROKERS, clientId, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(TOPICS).filter((t) => !existing.has(t));
    if (missing.length)
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })) });
    for (const topic of Object.values(TOPICS)) {
      // a topic created a moment ago may not have its leaders yet
      let ends: Awaited<ReturnType<typeof admin.fetchTopicOffsets>> | undefined;
      for (let i = 0; !ends; i++) {
        try {
          ends = await admin.fetchTopicOffsets(topic);
        } catch (error) {
          if (i > 40) throw error;
          await sleep(250);
        }
      }
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
