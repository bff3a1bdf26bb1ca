export * from './port';
export * from './kafkajs.adapter';
export * from './platformatic.adapter';
export * from './gather';
