import { messageIdFor, parseBrands, validateTopicPayload, Topics, type CarrierInboundV1 } from '@herald/contracts';
import { inboundReply, moTarget } from './inbound-reply';

const token = 'b'.repeat(64);
const mo: CarrierInboundV1 = {
  inboundId: 'mo-42',
  carrierId: 'smsc-a',
  recipient: { token, phoneEnc: 't1.ciphertext', country: 'FR' },
  to: '36111',
  text: 'ARRÊT',
  receivedAt: '2025-03-01T10:00:00.000Z',
};
const now = new Date('2025-03-01T10:00:02.000Z');
const brands = parseBrands({
  version: 1,
  defaultBrand: 'herald',
  brands: {
    herald: { displayName: 'Herald', senders: ['36100'] },
    shop: { displayName: 'Shop', senders: ['36111', '+12025550143'] },
    bank: { displayName: 'Bank', senders: ['+12025550143'] },
  },
});
const shop = moTarget(brands, '36111');
const stop = { keywordClass: 'opt_out' as const, keyword: 'ARRET', locale: 'fr' };

describe('inbound keyword replies', () => {
  it('turns STOP into an opt-out for the brand of the number texted and one stop confirmation', () => {
    const { optouts, reply } = inboundReply(mo, stop, shop, now);
    expect(optouts).toEqual([
      { recipientToken: token, brand: 'shop', action: 'opt_out', keyword: 'ARRET', source: 'sms', at: mo.receivedAt },
    ]);
    expect(reply).toMatchObject({
      messageId: messageIdFor('mo-42', 'system.stop_confirmation', token),
      templateKey: 'system.stop_confirmation',
      category: 'transactional',
      locale: 'fr',
      brand: 'shop',
      ttlSeconds: 3600,
      expiresAt: '2025-03-01T11:00:02.000Z',
      sourceEvent: { id: 'mo-42', type: 'carrier.inbound', source: 'herald/receipts', time: mo.receivedAt },
    });
    expect(validateTopicPayload(Topics.SmsOptoutsV1, optouts[0]).ok).toBe(true);
    expect(validateTopicPayload(Topics.SmsRequestedV1, reply).ok).toBe(true);
  });

  it('records a STOP to a shared number against every brand that sends from it', () => {
    const { optouts, reply } = inboundReply(
      { ...mo, to: '+1 202 555 0143' },
      stop,
      moTarget(brands, '+1 202 555 0143'),
      now,
    );
    expect(optouts.map((o) => o.brand)).toEqual(['shop', 'bank']);
    expect(reply.brand).toBe('shop');
  });

  it('records a STOP to a number no brand lists against every brand, never the default one only', () => {
    const { optouts, reply } = inboundReply({ ...mo, to: '99999' }, stop, moTarget(brands, '99999'), now);
    expect(optouts.map((o) => o.brand)).toEqual(['*']);
    expect(reply.brand).toBe('herald');
  });

  it('turns STOPALL and its translations into one all-brands opt-out', () => {
    const { optouts, reply } = inboundReply(
      mo,
      { keywordClass: 'opt_out_all', keyword: 'ARRETTOUT', locale: 'fr' },
      shop,
      now,
    );
    expect(optouts).toEqual([
      { recipientToken: token, brand: '*', action: 'opt_out', keyword: 'ARRETTOUT', source: 'sms', at: mo.receivedAt },
    ]);
    expect(reply.templateKey).toBe('system.stop_confirmation');
    expect(validateTopicPayload(Topics.SmsOptoutsV1, optouts[0]).ok).toBe(true);
  });

  it('takes the reply brand from configuration and carries no variable that could override it', () => {
    for (const keywordClass of ['opt_out', 'opt_out_all', 'opt_in', 'help'] as const) {
      const { reply } = inboundReply(mo, { keywordClass, keyword: 'X', locale: 'en' }, shop, now);
      expect(reply.brand).toBe('shop');
      expect(reply.variables).toEqual({});
    }
  });

  it('maps a redelivered MO to the same message id', () => {
    const later = new Date(now.getTime() + 60000);
    expect(inboundReply(mo, stop, shop, now).reply.messageId).toBe(inboundReply(mo, stop, shop, later).reply.messageId);
  });

  it('answers START with an opt-in for the same brands and HELP with the help text only', () => {
    const start = inboundReply(mo, { keywordClass: 'opt_in', keyword: 'START', locale: 'en' }, shop, now);
    expect(start.optouts.map((o) => [o.brand, o.action])).toEqual([['shop', 'opt_in']]);
    expect(start.reply.templateKey).toBe('system.start_confirmation');
    const help = inboundReply(mo, { keywordClass: 'help', keyword: 'HELP', locale: 'en' }, shop, now);
    expect(help.optouts).toEqual([]);
    expect(help.reply.templateKey).toBe('system.help');
  });
});
