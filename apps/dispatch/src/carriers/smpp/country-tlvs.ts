import { IndiaDltTlvTag, tlv, type Tlv } from '@herald/smpp';

/**
 * Registration ids some regulators require on every submit. India (TRAI DLT): the principal entity
 * id and the content template id, as C-Octet Strings in vendor TLVs (0x1400/0x1401 by default;
 * operators differ, so a carrier may override the tags).
 */
export function countryTlvs(
  sms: { country: string; entityId?: string; registeredTemplateId?: string },
  tags: { entityId: number; templateId: number } = {
    entityId: IndiaDltTlvTag.ENTITY_ID,
    templateId: IndiaDltTlvTag.TEMPLATE_ID,
  },
): Tlv[] {
  if (sms.country !== 'IN') return [];
  const out: Tlv[] = [];
  if (sms.entityId !== undefined) out.push(tlv.cstring(tags.entityId, sms.entityId));
  if (sms.registeredTemplateId !== undefined) out.push(tlv.cstring(tags.templateId, sms.registeredTemplateId));
  return out;
}
