import { callbackParams, checkCreateRequest } from './twilio-fake-wire';

const account = { sid: 'AC' + 'a'.repeat(32), authToken: 'token-0123456789' };
const path = `/2010-04-01/Accounts/${account.sid}/Messages.json`;
const basic = `Basic ${Buffer.from(`${account.sid}:${account.authToken}`).toString('base64')}`;
const valid: Record<string, string> = {
  To: '+33612345678',
  From: '+15017122661',
  Body: 'Your code is 4821',
  StatusCallback: 'https://herald.example/v1/carriers/twilio-fr/status?m=1',
  ValidityPeriod: '600',
};
const check = (
  form: Record<string, string | undefined>,
  over: { method?: string; path?: string; auth?: string; type?: string } = {},
) =>
  checkCreateRequest(
    {
      method: over.method ?? 'POST',
      path: over.path ?? path,
      headers: { authorization: over.auth ?? basic, 'content-type': over.type ?? 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined),
      ).toString(),
    },
    account,
  ).problems.map((p) => p.code);

describe('the Twilio fake refuses what Twilio refuses', () => {
  it('takes a well-formed request', () => {
    expect(check(valid)).toEqual([]);
    expect(check({ ...valid, From: undefined, MessagingServiceSid: 'MG' + 'b'.repeat(32) })).toEqual([]);
  });

  it.each<[string, Record<string, string | undefined>, object, number]>([
    ['GET', valid, { method: 'GET' }, 20004],
    ['another account path', valid, { path: path.replace(account.sid, 'AC' + 'c'.repeat(32)) }, 20404],
    ['wrong credentials', valid, { auth: 'Basic eDp5' }, 20003],
    ['a JSON body', valid, { type: 'application/json' }, 20001],
    ['an unknown parameter', { ...valid, Reference: 'x' }, {}, 20001],
    ['no To', { ...valid, To: undefined }, {}, 21604],
    ['a national To', { ...valid, To: '0612345678' }, {}, 21211],
    ['no sender', { ...valid, From: undefined }, {}, 21603],
    ['a bad From', { ...valid, From: 'Too long sender' }, {}, 21212],
    ['a bad service SID', { ...valid, From: undefined, MessagingServiceSid: 'MG1' }, {}, 21701],
    ['no Body', { ...valid, Body: undefined }, {}, 21602],
    ['a 1601-character Body', { ...valid, Body: 'a'.repeat(1601) }, {}, 21617],
    ['an underscore in the callback host', { ...valid, StatusCallback: 'https://my_host.example/cb' }, {}, 21609],
    ['ValidityPeriod 0', { ...valid, ValidityPeriod: '0' }, {}, 21624],
    ['ValidityPeriod 36001', { ...valid, ValidityPeriod: '36001' }, {}, 21624],
  ])('%s', (_name, form, over, code) => {
    expect(check(form, over)).toEqual([code]);
  });
});

describe('the Twilio fake callbacks', () => {
  it('sends sent then the final status, the ErrorCode on the last only', () => {
    const steps = callbackParams('SM1', account.sid, valid, { status: 'undelivered', errorCode: 30003 });
    expect(steps.map((p) => [p.MessageStatus, p.ErrorCode])).toEqual([
      ['sent', undefined],
      ['undelivered', '30003'],
    ]);
    expect(steps[1].RawDlrDoneDate).toMatch(/^\d{10}$/);
  });
});
