import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer } from './kafkajs.adapter';
import { messagingContract } from './port.contract';

// Against the real broker started by scripts/stack/kafka.sh.
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const clientId = 'int-contract-kafkajs';

messagingContract('kafkajs', {
  producer: () => new KafkaJsProducer({ brokers, clientId }),
  admin: () => new KafkaJsAdmin({ brokers, clientId }),
  consumer: ({ events, ...options }) => new KafkaJsConsumer({ brokers, clientId, ...options, onEvent: (e) => events?.push(e) }),
});
