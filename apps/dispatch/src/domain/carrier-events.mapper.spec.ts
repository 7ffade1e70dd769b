import { recipientTokenFor, Topics, validateTopicPayload } from '@herald/contracts';
import { parseDlr } from '@herald/smpp';
import { toCarrierInbound, toCarrierReceipt } from './carrier-events.mapper';

const receivedAt = new Date('2025-03-01T10:00:02.450Z');
const crypto = { tokenKey: 'k'.repeat(32), encrypt: (p: string) => `enc(${p.length})` };

describe('toCarrierReceipt', () => {
  const raw =
    'id:5f1c2a09 sub:001 dlvrd:001 submit date:2503011000 done date:2503011000 stat:DELIVRD err:000 text:Your code is 482913';
  const dlr = parseDlr(raw);
  if (dlr === undefined) throw new Error('fixture receipt does not parse');

  it('keeps the raw fields, drops the text and passes the contract', () => {
    const receipt = toCarrierReceipt({
      carrierId: 'sim',
      dlr,
      rawText: raw,
      messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
      receivedAt,
    });
    expect(receipt).toEqual({
      carrierId: 'sim',
      carrierMessageId: '5f1c2a09',
      messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
      rawStat: 'DELIVRD',
      rawErr: '000',
      submitDate: '2503011000',
      doneDate: '2503011000',
      dlrText: 'id:5f1c2a09 sub:001 dlvrd:001 submit date:2503011000 done date:2503011000 stat:DELIVRD err:000',
      receivedAt: receivedAt.toISOString(),
    });
    expect(JSON.stringify(receipt)).not.toContain('482913');
    expect(validateTopicPayload(Topics.CarrierReceiptsV1, receipt)).toMatchObject({ ok: true });
  });

  it('leaves messageId out when nothing correlates it', () => {
    expect(toCarrierReceipt({ carrierId: 'sim', dlr, rawText: raw, receivedAt })).not.toHaveProperty('messageId');
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
