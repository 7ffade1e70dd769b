export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const ON_TOPIC_METADATA = 'herald:on-topic';
