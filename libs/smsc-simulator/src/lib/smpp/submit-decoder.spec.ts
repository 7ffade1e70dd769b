import { buildParts, buildSubmitSm, encodePdu, tlv } from '@herald/smpp';
import * as smpp from 'smpp';
import { installRawPduMode } from './raw-pdu-mode';
import { decodeSubmit, decodeText } from './submit-decoder';

// Octets from our encoder, parsed by node-smpp, read by the simulator: no sockets involved.
function parse(params: Parameters<typeof buildSubmitSm>[0]): ReturnType<typeof decodeSubmit> {
  installRawPduMode();
  const bytes = encodePdu({ command: 'submit_sm', sequenceNumber: 5, commandStatus: 0, ...buildSubmitSm(params) });
  return decodeSubmit(new smpp.PDU(bytes));
}

describe('decodeSubmit', () => {
  it('reads addresses, validity, user_message_reference and vendor TLVs', () => {
    const d = parse({
      source: 'Herald',
      destination: '+33612345678',
      shortMessage: Buffer.from('Hi'),
      dataCoding: 0,
      ttlSeconds: 600,
      userMessageReference: '6f1c2d3e-msg',
      tlvs: [tlv.cstring(0x1401, '1107160000000012345'), tlv.octets(0x1500, Buffer.from([0, 1]))],
    });
    expect(d).toMatchObject({
      sequenceNumber: 5,
      source: 'Herald',
      sourceTon: 5,
      destination: '33612345678',
      dataCoding: 0,
      registeredDelivery: 1,
      validityPeriod: '000000001000000R',
      userMessageReference: '6f1c2d3e-msg',
      tlvs: { '0x0204': '6f1c2d3e-msg', '0x1401': '1107160000000012345', '0x1500': 'hex:0001' },
    });
    expect(decodeText(d.body, d.dataCoding)).toBe('Hi');
  });

  it('reads a 2-octet user_message_reference as a number', () => {
    expect(
      parse({ source: '1', destination: '2', shortMessage: Buffer.from('x'), dataCoding: 0, userMessageReference: 513 })
        .userMessageReference,
    ).toBe('513');
  });

  it.each([
    ['UDH', 'udh' as const],
    ['SAR', 'sar' as const],
  ])('strips %s concatenation and decodes GSM escapes and UCS-2', (_name, method) => {
    const [gsm] = buildParts(['€{x}', 'y'], { dataCoding: 0, reference: 300, method });
    const g = parse({ source: 'Herald', destination: '1', ...gsm });
    expect(g.concat).toEqual({ method, reference: method === 'udh' ? 300 & 0xff : 300, total: 2, index: 1 });
    expect(decodeText(g.body, 0)).toBe('€{x}');
    const [, ucs] = buildParts(['a', 'Ярко 👋'], { dataCoding: 8, reference: 1, method });
    expect(decodeText(parse({ source: 'Herald', destination: '1', ...ucs }).body, 8)).toBe('Ярко 👋');
  });
});
