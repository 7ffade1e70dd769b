import { messageIdFor, type CarrierInboundV1, type SmsOptoutV1, type SmsRequestedV1 } from '@herald/contracts';
import type { KeywordClass } from './keyword-rules';
import type { KeywordMatch } from './keyword.matcher';

export const ReplyTemplates: Record<KeywordClass, string> = {
  opt_out: 'system.stop_confirmation',
  opt_in: 'system.start_confirmation',
  help: 'system.help',
};

export const REPLY_TTL_SECONDS = 3600;
export const REPLY_SOURCE = 'herald/receipts';

export interface InboundReply {
  optout?: SmsOptoutV1;
  reply: SmsRequestedV1;
}

/**
 * What a keyword MO produces: an opt state change (not for HELP) and one reply through the
 * pipeline. The reply's message id derives from the inbound id, so a redelivered MO collapses
 * into the same message downstream and the recipient gets one confirmation.
 */
export function inboundReply(mo: CarrierInboundV1, match: KeywordMatch, brand: string, now: Date): InboundReply {
  const token = mo.recipient.token;
  const templateKey = ReplyTemplates[match.keywordClass];
  const reply: SmsRequestedV1 = {
    messageId: messageIdFor(mo.inboundId, templateKey, token),
    sourceEvent: { id: mo.inboundId, type: 'carrier.inbound', source: REPLY_SOURCE, time: mo.receivedAt },
    templateKey,
    category: 'transactional',
    recipient: { token, phoneEnc: mo.recipient.phoneEnc, country: mo.recipient.country },
    locale: match.locale,
    brand,
    ttlSeconds: REPLY_TTL_SECONDS,
    expiresAt: new Date(now.getTime() + REPLY_TTL_SECONDS * 1000).toISOString(),
    requestedAt: now.toISOString(),
    variables: { brand },
  };
  if (match.keywordClass === 'help') return { reply };
  const optout: SmsOptoutV1 = {
    recipientToken: token,
    brand,
    action: match.keywordClass,
    keyword: match.keyword,
    source: 'sms',
    at: mo.receivedAt,
  };
  return { optout, reply };
}
