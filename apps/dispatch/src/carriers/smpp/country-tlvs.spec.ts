import { IndiaDltTlvTag } from '@herald/smpp';
import { countryTlvs } from './country-tlvs';

describe('countryTlvs', () => {
  it('sends India DLT entity and template ids as C-Octet Strings', () => {
    expect(countryTlvs({ country: 'IN', entityId: '1101', registeredTemplateId: '1107' })).toEqual([
      { tag: IndiaDltTlvTag.ENTITY_ID, value: Buffer.from('1101\0', 'latin1') },
      { tag: IndiaDltTlvTag.TEMPLATE_ID, value: Buffer.from('1107\0', 'latin1') },
    ]);
  });

  it.each([
    ['another country', { country: 'FR', entityId: '1101', registeredTemplateId: '1107' }],
    ['India without ids', { country: 'IN' }],
  ])('adds nothing for %s', (_name, sms) => {
    expect(countryTlvs(sms)).toEqual([]);
  });

  it("uses a carrier's own tags", () => {
    expect(countryTlvs({ country: 'IN', entityId: '1' }, { entityId: 0x1500, templateId: 0x1501 })).toEqual([
      { tag: 0x1500, value: Buffer.from('1\0') },
    ]);
  });
});
