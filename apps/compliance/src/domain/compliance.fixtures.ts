import type { MessageCategory, SmsRenderedV1 } from '@herald/contracts';
import shippedRules from '../../rules/compliance-rules.v1.json';
import type { ComplianceRules } from './rules/compliance-rules';
import { parseRules } from './rules/parse-rules';

// Shared by the domain specs: the rules file the service ships, and a rendered message builder.

export function shippedComplianceRules(): ComplianceRules {
  const parsed = parseRules(structuredClone(shippedRules));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}

export const TOKEN_A = 'a'.repeat(64);

export interface MessageOverrides extends Partial<Omit<SmsRenderedV1, 'recipient'>> {
  token?: string;
  country?: string;
}

export function renderedMessage(o: MessageOverrides = {}): SmsRenderedV1 {
  const { token, country, ...rest } = o;
  return {
    messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
    sourceEvent: { id: 'evt-1', type: 'order.placed', source: 'shop-fr', time: '2026-03-01T10:00:00Z' },
    templateKey: 'order_placed',
    category: 'transactional' as MessageCategory,
    recipient: { token: token ?? TOKEN_A, phoneEnc: 'k1.opaque', country: country ?? 'FR' },
    locale: 'fr-FR',
    brand: 'maison-durand',
    ttlSeconds: 86400 * 7,
    expiresAt: '2026-12-31T00:00:00.000Z',
    requestedAt: '2026-03-01T10:00:00.000Z',
    templateVersion: 1,
    bodyEnc: 'k1.body',
    encoding: 'GSM7',
    segments: 1,
    characters: 20,
    senderProfile: 'default',
    renderedAt: '2026-03-01T10:00:00.100Z',
    ...rest,
  };
}
