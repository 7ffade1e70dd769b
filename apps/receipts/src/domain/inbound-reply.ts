import {
  ALL_BRANDS,
  messageIdFor,
  type BrandRegistry,
  type CarrierInboundV1,
  type OptAction,
  type SmsOptoutV1,
  type SmsRequestedV1,
} from '@herald/contracts';
import type { KeywordClass } from './keyword-rules';
import type { KeywordMatch } from './keyword.matcher';

export const ReplyTemplates: Record<KeywordClass, string> = {
  opt_out: 'system.stop_confirmation',
  opt_out_all: 'system.stop_confirmation',
  opt_in: 'system.start_confirmation',
  help: 'system.help',
};

const ActionOf: Record<KeywordClass, OptAction | undefined> = {
  opt_out: 'opt_out',
  opt_out_all: 'opt_out',
  opt_in: 'opt_in',
  help: undefined,
};

export const REPLY_TTL_SECONDS = 3600;
export const REPLY_SOURCE = 'herald/receipts';

/** Whom an MO speaks to, from the brands file. */
export interface MoTarget {
  /** The brands of the number texted (several for a shared short code); `['*']` for a number no brand lists. */
  optBrands: string[];
  /** The brand the reply is sent as: the first brand of the number, else the default brand. */
  replyBrand: string;
}

export interface InboundReply {
  optouts: SmsOptoutV1[];
  reply: SmsRequestedV1;
}

/**
 * A STOP applies to every brand that sends from the number it was texted to; a number no brand
 * lists cannot be attributed, so its STOP applies to every brand rather than to a guessed one.
 */
export function moTarget(brands: BrandRegistry, to: string): MoTarget {
  const of = brands.brandsForSender(to);
  return of.length === 0
    ? { optBrands: [ALL_BRANDS], replyBrand: brands.defaultBrand }
    : { optBrands: of, replyBrand: of[0] };
}

/**
 * What a keyword MO produces: opt state changes (none for HELP) and one reply through the pipeline.
 * The reply's brand comes from configuration and it carries no variables, so nothing in it can
 * change what `{{ brand }}` prints. Its message id derives from the inbound id, so a redelivered
 * MO collapses into the same message downstream and the recipient gets one confirmation.
 */
export function inboundReply(mo: CarrierInboundV1, match: KeywordMatch, target: MoTarget, now: Date): InboundReply {
  const token = mo.recipient.token;
  const templateKey = ReplyTemplates[match.keywordClass];
  const reply: SmsRequestedV1 = {
    messageId: messageIdFor(mo.inboundId, templateKey, token),
    sourceEvent: { id: mo.inboundId, type: 'carrier.inbound', source: REPLY_SOURCE, time: mo.receivedAt },
    templateKey,
    category: 'transactional',
    recipient: { token, phoneEnc: mo.recipient.phoneEnc, country: mo.recipient.country },
    locale: match.locale,
    brand: target.replyBrand,
    ttlSeconds: REPLY_TTL_SECONDS,
    expiresAt: new Date(now.getTime() + REPLY_TTL_SECONDS * 1000).toISOString(),
    requestedAt: now.toISOString(),
    variables: {},
  };
  const action = ActionOf[match.keywordClass];
  if (action === undefined) return { optouts: [], reply };
  const brands = match.keywordClass === 'opt_out_all' ? [ALL_BRANDS] : target.optBrands;
  const optouts = brands.map((brand): SmsOptoutV1 => ({
    recipientToken: token,
    brand,
    action,
    keyword: match.keyword,
    source: 'sms',
    at: mo.receivedAt,
  }));
  return { optouts, reply };
}
