import { messageIdFor, validateTopicPayload, Topics, type CarrierInboundV1 } from '@herald/contracts';
import { inboundReply } from './inbound-reply';

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

describe('inbound keyword replies', () => {
  it('turns STOP into an opt-out and one stop confirmation that validate against their topics', () => {
    const { optout, reply } = inboundReply(mo, { keywordClass: 'opt_out', keyword: 'ARRET', locale: 'fr' }, 'shop', now);
    expect(optout).toEqual({ recipientToken: token, brand: 'shop', action: 'opt_out', keyword: 'ARRET', source: 'sms', at: mo.receivedAt });
    expect(reply).toMatchObject({
      messageId: messageIdFor('mo-42', 'system.stop_confirmation', token),
      templateKey: 'system.stop_confirmation',
      category: 'transactional',
      locale: 'fr',
      ttlSeconds: 3600,
      expiresAt: '2025-03-01T11:00:02.000Z',
      sourceEvent: { id: 'mo-42', type: 'carrier.inbound', source: 'herald/receipts', time: mo.receivedAt },
      variables: { brand: 'shop' },
    });
    expect(validateTopicPayload(Topics.SmsOptoutsV1, optout).ok).toBe(true);
    expect(validateTopicPayload(Topics.SmsRequestedV1, reply).ok).toBe(true);
  });

  it('maps a redelivered MO to the same message id', () => {
    const match = { keywordClass: 'opt_out' as const, keyword: 'STOP', locale: 'en' };
    const later = new Date(now.getTime() + 60000);
    expect(inboundReply(mo, match, 'shop', now).reply.messageId).toBe(inboundReply(mo, match, 'shop', later).reply.messageId);
  });

  it('answers START with an opt-in and HELP with the help text only', () => {
    const start = inboundReply(mo, { keywordClass: 'opt_in', keyword: 'START', locale: 'en' }, 'shop', now);
    expect(start.optout?.action).toBe('opt_in');
    expect(start.reply.templateKey).toBe('system.start_confirmation');
    const help = inboundReply(mo, { keywordClass: 'help', keyword: 'HELP', locale: 'en' }, 'shop', now);
    expect(help.optout).toBeUndefined();
    expect(help.reply.templateKey).toBe('system.help');
  });
});
