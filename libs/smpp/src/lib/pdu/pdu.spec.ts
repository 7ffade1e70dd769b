import { SmppError } from '../smpp-error';
import { CommandStatus } from './command-status';
import { decodePdu, encodePdu, type Pdu, type SubmitSmPdu } from './pdu';
import { readUserMessageReference, tlv, TlvTag } from './tlv';

const submit: SubmitSmPdu = {
  command: 'submit_sm',
  sequenceNumber: 7,
  commandStatus: 0,
  serviceType: '',
  sourceAddrTon: 5,
  sourceAddrNpi: 0,
  sourceAddr: 'Herald',
  destAddrTon: 1,
  destAddrNpi: 1,
  destinationAddr: '33612345678',
  esmClass: 0,
  protocolId: 0,
  priorityFlag: 0,
  scheduleDeliveryTime: '',
  validityPeriod: '000000001000000R',
  registeredDelivery: 1,
  replaceIfPresentFlag: 0,
  dataCoding: 0,
  smDefaultMsgId: 0,
  shortMessage: Buffer.from('Hi'),
  tlvs: [tlv.userMessageReference('m-1'), tlv.cstring(0x1400, '1101234567890'), tlv.u16(TlvTag.SAR_MSG_REF_NUM, 300)],
};

describe('PDU codec', () => {
  it('writes submit_sm field by field as SMPP 3.4 lays it out', () => {
    const bytes = encodePdu({ ...submit, tlvs: [] });
    const expected = Buffer.concat([
      Buffer.from('0000004400000004000000000000000700', 'hex'),
      Buffer.from('0500', 'hex'),
      Buffer.from('Herald\0'),
      Buffer.from('0101', 'hex'),
      Buffer.from('33612345678\0'),
      Buffer.from('000000', 'hex'),
      Buffer.from('\0'),
      Buffer.from('000000001000000R\0'),
      Buffer.from('0100000002', 'hex'),
      Buffer.from('Hi'),
    ]);
    expect(bytes.toString('hex')).toBe(expected.toString('hex'));
  });

  const cases: Pdu[] = [
    {
      command: 'bind_transceiver',
      sequenceNumber: 1,
      commandStatus: 0,
      systemId: 'herald',
      password: 'secret',
      systemType: 'SMPP',
      interfaceVersion: 0x34,
      addrTon: 0,
      addrNpi: 0,
      addressRange: '',
    },
    {
      command: 'bind_transmitter',
      sequenceNumber: 2,
      commandStatus: 0,
      systemId: 'a',
      password: 'b',
      systemType: '',
      interfaceVersion: 0x34,
      addrTon: 1,
      addrNpi: 1,
      addressRange: '^33',
    },
    {
      command: 'bind_transceiver_resp',
      sequenceNumber: 1,
      commandStatus: 0,
      systemId: 'SMSC',
      tlvs: [tlv.u8(TlvTag.SC_INTERFACE_VERSION, 0x34)],
    },
    { command: 'unbind', sequenceNumber: 3, commandStatus: 0 },
    { command: 'unbind_resp', sequenceNumber: 3, commandStatus: 0 },
    { command: 'enquire_link', sequenceNumber: 0x7fffffff, commandStatus: 0 },
    { command: 'enquire_link_resp', sequenceNumber: 0x7fffffff, commandStatus: 0 },
    { command: 'generic_nack', sequenceNumber: 9, commandStatus: CommandStatus.ESME_RINVCMDID },
    submit,
    {
      ...submit,
      command: 'deliver_sm',
      esmClass: 0x04,
      tlvs: [tlv.cstring(TlvTag.RECEIPTED_MESSAGE_ID, '0A1B'), tlv.u8(TlvTag.MESSAGE_STATE, 2)],
    },
    { command: 'submit_sm_resp', sequenceNumber: 7, commandStatus: 0, messageId: '5F3A9C01BE' },
    { command: 'deliver_sm_resp', sequenceNumber: 8, commandStatus: 0, messageId: '' },
    { command: 'unknown', commandId: 0x00000103, sequenceNumber: 4, commandStatus: 0, body: Buffer.from([1, 2, 3]) },
  ];

  it.each(cases.map((p) => [p.command, p] as const))('round-trips %s', (_name, pdu) => {
    const bytes = encodePdu(pdu);
    expect(bytes.readUInt32BE(0)).toBe(bytes.length);
    expect(decodePdu(bytes)).toEqual(pdu);
  });

  it('reads an error submit_sm_resp that has no body', () => {
    const header = Buffer.from('00000010800000040000005800000007', 'hex');
    expect(decodePdu(header)).toEqual({
      command: 'submit_sm_resp',
      sequenceNumber: 7,
      commandStatus: 0x58,
      messageId: '',
    });
  });

  it('reads a refused bind_transceiver_resp that has no body', () => {
    const header = Buffer.from('0000001080000009000000' + '0d00000001', 'hex');
    expect(decodePdu(header)).toMatchObject({ command: 'bind_transceiver_resp', commandStatus: 0x0d, systemId: '' });
  });

  it('keeps vendor TLVs and reads user_message_reference as text', () => {
    const decoded = decodePdu(encodePdu(submit)) as SubmitSmPdu;
    expect(decoded.tlvs.find((t) => t.tag === 0x1400)?.value.toString()).toBe('1101234567890\0');
    expect(readUserMessageReference(decoded.tlvs)).toBe('m-1');
    expect(readUserMessageReference([tlv.userMessageReference(513)])).toBe('513');
  });

  it.each([
    ['a source_addr over 20 octets', { ...submit, sourceAddr: 'x'.repeat(21) }],
    ['a short_message over 254 octets', { ...submit, shortMessage: Buffer.alloc(255) }],
  ])('refuses to encode %s', (_what, pdu) => {
    expect(() => encodePdu(pdu as Pdu)).toThrow(SmppError);
  });

  it.each([
    ['a frame shorter than a header', Buffer.alloc(8)],
    ['a command_length that disagrees with the frame', Buffer.from('00000011000000150000000000000001', 'hex')],
    ['a C-Octet String without NUL', Buffer.from('00000014800000040000000000000001414243', 'hex').subarray(0, 19)],
    ['a truncated submit_sm', encodePdu(submit).subarray(0, 30)],
  ])('rejects %s', (_what, frame) => {
    const bytes = Buffer.from(frame);
    if (bytes.length >= 4 && _what !== 'a command_length that disagrees with the frame')
      bytes.writeUInt32BE(bytes.length, 0);
    expect(() => decodePdu(bytes)).toThrow(expect.objectContaining({ code: 'INVALID_PDU' }));
  });
});
