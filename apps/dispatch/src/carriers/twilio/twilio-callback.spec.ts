import type { WebhookRequest } from '../carrier-plugin';
import { readTwilioCallback } from './twilio-callback';
import { twilioSignature } from './twilio-signature';

const TOKEN = 'twilio-auth-token-0123456789abcd';
const ACCOUNT = 'AC' + '1'.repeat(32);
const SID = 'SM' + 'f'.repeat(32);
const URL_ = 'https://herald.example/v1/carriers/twilio-fr/status?m=26bcc33f-54bc-53c2-bd06-89c6b787d038';

const form = (over: Record<string, string | undefined> = {}): Array<[string, string]> => {
  const fields: Record<string, string | undefined> = {
    SmsSid: SID,
    SmsStatus: 'undelivered',
    MessageStatus: 'undelivered',
    To: '+33612345678',
    MessageSid: SID,
    AccountSid: ACCOUNT,
    From: '+15017122661',
    ApiVersion: '2010-04-01',
    ErrorCode: '30003',
    ...over,
  };
  return Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
};
const request = (params = form(), over: Partial<WebhookRequest> & { token?: string } = {}): WebhookRequest => ({
  url: over.url ?? URL_,
  headers: over.headers ?? {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilioSignature(over.token ?? TOKEN, over.url ?? URL_, params),
  },
  rawBody: over.rawBody ?? Buffer.from(new URLSearchParams(params).toString()),
});
const read = (req: WebhookRequest) => readTwilioCallback(req, TOKEN, ACCOUNT);

describe('a Twilio StatusCallback', () => {
  it('reads a signed undelivered callback with its error code and our message id', () => {
    expect(read(request())).toEqual({
      ok: true,
      reports: [
        {
          carrierMessageId: SID,
          state: 'undelivered',
          rawStatus: 'undelivered',
          rawError: '30003',
          messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
        },
      ],
    });
  });

  it('keeps RawDlrDoneDate, and reads a callback without our id (unknown message) all the same', () => {
    const url = 'https://herald.example/v1/carriers/twilio-fr/status';
    const params = form({
      MessageStatus: 'delivered',
      SmsStatus: 'delivered',
      ErrorCode: undefined,
      RawDlrDoneDate: '2503011000',
    });
    expect(read(request(params, { url }))).toEqual({
      ok: true,
      reports: [{ carrierMessageId: SID, state: 'delivered', rawStatus: 'delivered', doneDate: '2503011000' }],
    });
  });

  it.each<[string, WebhookRequest, string, string]>([
    ['another auth token', request(form(), { token: 'someone-elses-token' }), 'unauthenticated', 'X-Twilio-Signature'],
    [
      'no signature',
      request(form(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      'unauthenticated',
      'X-Twilio-Signature',
    ],
    [
      'a body changed after signing',
      { ...request(), rawBody: Buffer.from(new URLSearchParams(form({ ErrorCode: '30006' })).toString()) },
      'unauthenticated',
      'X-Twilio-Signature',
    ],
    ['another account, signed', request(form({ AccountSid: 'AC' + '2'.repeat(32) })), 'unauthenticated', 'AccountSid'],
    ['a JSON body', { ...request(), headers: { 'content-type': 'application/json' } }, 'malformed', 'form'],
    ['no MessageSid', request(form({ MessageSid: undefined })), 'malformed', 'MessageSid'],
    ['an undocumented status', request(form({ MessageStatus: 'vanished' })), 'malformed', 'vanished'],
    ['a non-numeric ErrorCode', request(form({ ErrorCode: 'x' })), 'malformed', 'ErrorCode'],
  ])('refuses %s', (_name, req, reason, detail) => {
    expect(read(req)).toEqual({ ok: false, reason, detail: expect.stringContaining(detail) });
  });

  it('acknowledges the status of an inbound message with nothing to publish', () => {
    expect(read(request(form({ MessageStatus: 'received', ErrorCode: undefined })))).toEqual({ ok: true, reports: [] });
  });

  it('reads the same callback again (dispatch, not the reader, dedupes)', () => {
    const req = request();
    expect(read(req)).toEqual(read(req));
  });
});
