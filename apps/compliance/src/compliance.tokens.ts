export const COMPLIANCE_RULES = Symbol('COMPLIANCE_RULES');
export const CLOCK = Symbol('CLOCK');
export const PII_CIPHER = Symbol('PII_CIPHER');
/** The service name: consumer group, `service` field of statuses, metric prefix. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
