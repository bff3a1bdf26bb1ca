export * from './port';
export * from './kafkajs.adapter';
