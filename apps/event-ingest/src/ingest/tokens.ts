export const NOTIFICATION_RULES = Symbol('NOTIFICATION_RULES');
export const CLOCK = Symbol('CLOCK');
export const API_KEY_SEEDS = Symbol('API_KEY_SEEDS');
/** The service name as started: `event-ingest`, or a test's own consumer group. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface Clock {
  now(): Date;
}
