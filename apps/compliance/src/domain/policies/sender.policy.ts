import type { ComplianceRules } from '../rules/compliance-rules';
import { suppress, type Suppression } from '../decision';

export interface SenderChoice {
  senderId: string;
  entityId?: string;
}

interface SenderFacts {
  senderProfile: string;
  brand: string;
  registeredTemplateId?: string;
}

/**
 * An explicit per-country sender wins; otherwise the profile's alphanumeric id, except where the
 * country accepts only numeric senders (US/CA: long code, toll-free or short code). Countries that
 * demand registration (India DLT) also need the template id and the brand's entity id.
 */
export function chooseSender(
  message: SenderFacts,
  country: string,
  rules: ComplianceRules,
): SenderChoice | Suppression {
  const profile = rules.senderProfiles[message.senderProfile];
  if (!profile) return suppress('NO_SENDER', `sender profile "${message.senderProfile}" is not in the rules`);
  const numericOnly = rules.countries.numericSenderOnly.includes(country);
  const senderId = profile.byCountry[country] ?? (numericOnly ? undefined : profile.alphanumeric);
  if (!senderId) {
    const need = numericOnly ? 'a numeric sender (long code or short code)' : 'a sender';
    return suppress('NO_SENDER', `sender profile "${message.senderProfile}" has no ${need} for ${country}`);
  }
  if (!rules.countries.templateRegistrationRequired.includes(country)) return { senderId };
  if (!message.registeredTemplateId)
    return suppress('TEMPLATE_NOT_REGISTERED', `${country} requires a registered template id`);
  const entityId = rules.brands[message.brand]?.dltEntityId;
  if (!entityId)
    return suppress('TEMPLATE_NOT_REGISTERED', `${country} requires a registered entity id for brand ${message.brand}`);
  return { senderId, entityId };
}
