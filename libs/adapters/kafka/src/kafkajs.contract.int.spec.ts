import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer } from './kafkajs.adapter';
import { clientsOf, messagingContract } from './port.contract';

messagingContract('kafkajs', clientsOf('int-contract-kafkajs', { Producer: KafkaJsProducer, Admin: KafkaJsAdmin, Consumer: KafkaJsConsumer }));
