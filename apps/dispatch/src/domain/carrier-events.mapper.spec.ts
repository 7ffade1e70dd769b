import { recipientTokenFor, Topics, validateTopicPayload } from '@herald/contracts';
import { toCarrierInbound, toCarrierReceipt } from './carrier-events.mapper';

const receivedAt = new Date('2025-03-01T10:00:02.450Z');
const crypto = { tokenKey: 'k'.repeat(32), encrypt: (p: string) => `enc(${p.length})` };

describe('toCarrierReceipt', () => {
  const report = {
    carrierId: 'sim',
    carrierMessageId: '5f1c2a09',
    state: 'delivered' as const,
    rawStat: 'DELIVRD',
    rawErr: '000',
    submitDate: '2503011000',
    doneDate: '2503011000',
    detail: 'id:5f1c2a09 sub:001 dlvrd:001 submit date:2503011000 done date:2503011000 stat:DELIVRD err:000',
    receivedAt,
  };

  it('carries the canonical state beside the raw fields and passes the contract', () => {
    const receipt = toCarrierReceipt({ ...report, messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038' });
    expect(receipt).toEqual({
      carrierId: 'sim',
      carrierMessageId: '5f1c2a09',
      messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
      state: 'delivered',
      rawStat: 'DELIVRD',
      rawErr: '000',
      submitDate: '2503011000',
      doneDate: '2503011000',
      dlrText: report.detail,
      receivedAt: receivedAt.toISOString(),
    });
    expect(validateTopicPayload(Topics.CarrierReceiptsV1, receipt)).toMatchObject({ ok: true });
  });

  it('leaves out what the carrier did not say (an HTTP callback has no receipt text)', () => {
    const receipt = toCarrierReceipt({
      carrierId: 'tw',
      carrierMessageId: 'SM1',
      state: 'undelivered',
      rawStat: 'undelivered',
      receivedAt,
    });
    expect(receipt).toEqual({
      carrierId: 'tw',
      carrierMessageId: 'SM1',
      state: 'undelivered',
      rawStat: 'undelivered',
      receivedAt: receivedAt.toISOString(),
    });
    expect(validateTopicPayload(Topics.CarrierReceiptsV1, receipt)).toMatchObject({ ok: true });
  });
});

describe('toCarrierInbound', () => {
  it.each([
    ['digits without + (TON international)', '33612345678', '+33612345678', 'FR'],
    ['an E.164 source', '+447700900123', '+447700900123', 'GB'],
    ['an alphanumeric source', 'ACME', 'ACME', 'ZZ'],
    ['a non-geographic number', '80012345678', '+80012345678', 'ZZ'],
  ])('tokenizes %s', (_name, source, e164, country) => {
    const mo = toCarrierInbound(
      { carrierId: 'sim', sourceAddr: source, destAddr: '36123', text: 'STOP', receivedAt },
      crypto,
    );
    expect(mo.recipient).toEqual({
      token: recipientTokenFor(crypto.tokenKey, e164),
      phoneEnc: `enc(${e164.length})`,
      country,
    });
    expect(JSON.stringify(mo)).not.toContain(source.replace('+', ''));
    expect(validateTopicPayload(Topics.CarrierInboundV1, mo)).toMatchObject({ ok: true });
  });

  it('names an unknown destination and clips the text to the contract', () => {
    const mo = toCarrierInbound(
      { carrierId: 'sim', sourceAddr: '33612345678', destAddr: '', text: 'x'.repeat(2000), receivedAt },
      crypto,
    );
    expect(mo.to).toBe('unknown');
    expect(mo.text).toHaveLength(1600);
  });
});
