import { tlv, TlvTag } from '../pdu/tlv';
import { parseDeliverReceipt } from './deliver-receipt';
import { messageIdCandidates, normalizeMessageId } from './message-id';
import { parseDlr, parseDlrDate, type ParsedDlr } from './parse-dlr';

const standard =
  'id:0A1B2C3D4E sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Your code is';

describe('parseDlr', () => {
  const cases: Array<[string, string, Partial<ParsedDlr> | undefined]> = [
    [
      'the SMPP 3.4 example',
      standard,
      {
        id: '0A1B2C3D4E',
        idNormalized: 'A1B2C3D4E',
        sub: '001',
        dlvrd: '001',
        submitDate: '2401151230',
        doneDate: '2401151231',
        stat: 'DELIVRD',
        err: '000',
        text: 'Your code is',
      },
    ],
    [
      'upper-case keys',
      'ID:12345 SUB:001 DLVRD:000 SUBMIT DATE:2401151230 DONE DATE:2401151231 STAT:UNDELIV ERR:001 TEXT:',
      { id: '12345', stat: 'UNDELIV', err: '001', submitDate: '2401151230', text: '' },
    ],
    [
      'underscored dates (Kannel style)',
      'id:77 sub:001 dlvrd:001 submit_date:2401151230 done_date:2401151231 stat:DELIVRD err:0',
      { submitDate: '2401151230', doneDate: '2401151231', err: '0' },
    ],
    [
      'glued date keys',
      'id:77 submitdate:2401151230 donedate:2401151231 stat:EXPIRED',
      { submitDate: '2401151230', stat: 'EXPIRED' },
    ],
    [
      'spaces around colons and doubled',
      'id: 00042  sub : 001   stat :  REJECTD   err: 045',
      { id: '00042', idNormalized: '42', sub: '001', stat: 'REJECTD', err: '045' },
    ],
    [
      'missing spaces between fields',
      'id:ABCDEFsub:001dlvrd:001stat:DELIVRDerr:000',
      { id: 'ABCDEF', sub: '001', dlvrd: '001', stat: 'DELIVRD', err: '000' },
    ],
    ['decimal id with leading zeros', 'id:0000012345 stat:DELIVRD', { id: '0000012345', idNormalized: '12345' }],
    [
      'lower-case hex id',
      'id:5f3a9c01be stat:delivrd',
      { id: '5f3a9c01be', idNormalized: '5F3A9C01BE', stat: 'DELIVRD' },
    ],
    ['a spelled-out state', 'id:1 stat:Delivered', { stat: 'DELIVRD' }],
    ['status/error spellings', 'id:1 status:UNDELIV error:34', { stat: 'UNDELIV', err: '34' }],
    ['reordered fields', 'stat:ACCEPTD id:99 err:000', { id: '99', stat: 'ACCEPTD' }],
    [
      'text containing keys',
      'id:1 stat:DELIVRD text:stat:FAKE id:2',
      { id: '1', stat: 'DELIVRD', text: 'stat:FAKE id:2' },
    ],
    ['an id key inside a longer word', 'msgid:5 id:6 stat:DELIVRD', { id: '6' }],
    ['no state', 'id:1 sub:001 dlvrd:001', undefined],
    ['no id', 'sub:001 stat:DELIVRD', undefined],
    ['not a receipt', 'STOP', undefined],
  ];

  it.each(cases)('reads %s', (_vendor, text, expected) => {
    const parsed = parseDlr(text);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });

  it('leaves missing fields out', () => {
    expect(parseDlr('id:1 stat:ENROUTE')).toEqual({ id: '1', idNormalized: '1', stat: 'ENROUTE' });
  });

  it('prefers receipted_message_id and message_state TLVs over the text', () => {
    expect(parseDlr(standard, { receiptedMessageId: '0A1B2C3D4F', messageState: 5 })).toMatchObject({
      id: '0A1B2C3D4F',
      stat: 'UNDELIV',
      err: '000',
    });
  });

  it('builds a receipt from TLVs alone', () => {
    expect(parseDlr('', { receiptedMessageId: '42', messageState: 3 })).toEqual({
      id: '42',
      idNormalized: '42',
      stat: 'EXPIRED',
    });
  });
});

describe('message ids', () => {
  it.each([
    ['000a1B', 'A1B'],
    ['0000', '0'],
    [' 12 ', '12'],
  ])('normalizes %j to %s', (raw, norm) => expect(normalizeMessageId(raw)).toBe(norm));

  it('offers hex and decimal readings for lookup', () => {
    expect(messageIdCandidates('255')).toEqual(['255', 'FF', '597']);
    expect(messageIdCandidates('00ff')).toEqual(['FF', '255']);
    expect(messageIdCandidates('msg-1')).toEqual(['MSG-1']);
  });
});

describe('parseDlrDate', () => {
  it('reads YYMMDDhhmm and YYMMDDhhmmss as UTC', () => {
    expect(parseDlrDate('2401151230')?.toISOString()).toBe('2024-01-15T12:30:00.000Z');
    expect(parseDlrDate('240115123045')?.toISOString()).toBe('2024-01-15T12:30:45.000Z');
    expect(parseDlrDate('2413151230')).toBeUndefined();
    expect(parseDlrDate('24011512')).toBeUndefined();
  });
});

describe('parseDeliverReceipt', () => {
  it('reads message_payload when short_message is empty, and prefers the TLVs', () => {
    const tlvs = [
      tlv.octets(TlvTag.MESSAGE_PAYLOAD, Buffer.from('id:0042 sub:001 dlvrd:001 stat:DELIVRD err:000')),
      tlv.cstring(TlvTag.RECEIPTED_MESSAGE_ID, '0042'),
      tlv.u8(TlvTag.MESSAGE_STATE, 3),
    ];
    expect(parseDeliverReceipt({ shortMessage: Buffer.alloc(0), tlvs })).toMatchObject({
      id: '0042',
      idNormalized: '42',
      stat: 'EXPIRED',
      dlvrd: '001',
    });
    expect(parseDeliverReceipt({ shortMessage: Buffer.alloc(0), tlvs: [] })).toBeUndefined();
  });
});
