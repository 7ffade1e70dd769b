export const SASL_CREDENTIAL_KEYS = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

type SaslKeys = Partial<Record<(typeof SASL_CREDENTIAL_KEYS)[number], unknown>>;

/**
 * The credential keys a SASL protocol needs and the config lacks; [] when SASL is off or both are
 * set. kafkajs would otherwise connect without SASL and the broker refuse every request much later.
 */
export function missingSaslKeys(protocol: unknown, config: SaslKeys): string[] {
  if (typeof protocol !== 'string' || !protocol.startsWith('SASL')) return [];
  return SASL_CREDENTIAL_KEYS.filter((k) => typeof config[k] !== 'string' || !(config[k] as string).trim());
}
