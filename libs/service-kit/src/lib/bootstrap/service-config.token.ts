export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** The service name as started (`ServiceDefinition.service`: consumer group, `service` field of statuses, metric prefix; tests start with their own). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
