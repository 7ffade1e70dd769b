import { stripDlrText } from './dlr-text';

describe('stripDlrText', () => {
  it.each([
    [
      'the standard receipt',
      'id:0A1B sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Your code is 482913',
      'id:0A1B sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000',
    ],
    ['upper-case TEXT and spaces before the colon', 'id:1 stat:DELIVRD TEXT :482913', 'id:1 stat:DELIVRD'],
    ['text with keys inside it', 'id:1 stat:DELIVRD text:stat:FAKE id:2', 'id:1 stat:DELIVRD'],
    ['no text field', 'id:1 stat:UNDELIV err:034', 'id:1 stat:UNDELIV err:034'],
    ['a key that merely ends in "text"', 'id:1 context:x stat:DELIVRD', 'id:1 context:x stat:DELIVRD'],
    ['an empty receipt (TLVs only)', '', ''],
  ])('%s', (_name, raw, expected) => {
    expect(stripDlrText(raw)).toBe(expected);
  });

  it('keeps at most 1024 characters', () => {
    expect(stripDlrText(`id:1 ${'x'.repeat(2000)}`)).toHaveLength(1024);
  });
});
