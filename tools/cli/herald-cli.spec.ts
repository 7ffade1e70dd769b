import path from 'node:path';
import { CeHeader, TRACEPARENT_HEADER } from '@herald/contracts';
import { optoutCall, previewCall } from './admin-http.command';
import { expectFlags, parseArgs, UsageError } from './cli-args';
import { complianceToken, HeraldCliConfig, loadCliConfig } from './cli-config';
import { dlqTopicArg } from './dlq.command';
import { dlqTopicOf, Topics } from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import { replayReport } from '@herald/kafka';
import { matchIngestRecord } from './message-id-watch';
import { businessIdOf, buildDomainEvent, explainOutcome } from './publish.command';
import { matchesReceipt, messageIdsOf, receiptFilter } from './tail.command';
import { repoRoot } from './repo-root';
import { run } from './main';

const root = repoRoot();
const config = (env: Record<string, string> = {}) => loadCliConfig(path.join(root, 'no-such-dir'), env);
const args = (line: string) => parseArgs(line.split(' '));

describe('herald CLI: arguments', () => {
  it.each([
    [
      'publish order.placed --phone +336 --skip-validation',
      ['publish', 'order.placed'],
      { phone: '+336', 'skip-validation': true },
    ],
    [
      'dlq list sms.requested.v1 --code=CONTRACT_VIOLATION',
      ['dlq', 'list', 'sms.requested.v1'],
      { code: 'CONTRACT_VIOLATION' },
    ],
  ])('%s', (line, positionals, flags) => {
    const parsed = args(line);
    expect(parsed.positionals).toEqual(positionals);
    expect(Object.fromEntries(parsed.flags)).toEqual(flags);
  });

  it('rejects an unknown flag instead of ignoring it', () => {
    expect(() => expectFlags(args('publish order.placed --phnoe +33'), ['phone'])).toThrow('unknown option --phnoe');
  });
});

describe('herald publish', () => {
  it('builds a binary-mode CloudEvent from a fixture, keyed by the business id, with the phone replaced', () => {
    const r = buildDomainEvent(
      root,
      args('publish order.placed --fixture valid/fr-minimal --phone +33612345678 --id ev-1'),
      new Date('2026-01-02T03:04:05Z'),
    );
    expect(r.topic).toBe('order.placed');
    expect(JSON.parse(r.value).customer.phone).toBe('+33612345678');
    expect(r.key).toBe(JSON.parse(r.value).orderId);
    expect(r.headers).toMatchObject({
      [CeHeader.id]: 'ev-1',
      [CeHeader.type]: 'order.placed',
      [CeHeader.specversion]: '1.0',
      [CeHeader.time]: '2026-01-02T03:04:05.000Z',
      'content-type': 'application/json',
    });
    expect(r.headers[TRACEPARENT_HEADER]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it.each([
    ['publish sms.requested.v1', /needs an event type/],
    ['publish order.placed --fixture valid/nope', /no fixture "valid\/nope" for order.placed; available: valid\//],
    ['publish order.placed --fixture valid/fr-minimal --file x.json', /not both/],
    [
      'publish order.placed --file libs/contracts/fixtures/order.placed/invalid/missing-customer.phone.json',
      /breaks its contract \(customer.phone: .*--skip-validation/,
    ],
  ])('%s fails with a clear message', (line, message) => {
    expect(() => buildDomainEvent(root, args(line))).toThrow(message);
  });

  it('recognises what ingest produced for the event: its requests (source, id and type all match) or its dead letter', () => {
    const event = { topic: 'order.placed', id: 'ev-1', source: 'herald-cli' };
    const request = (sourceEvent: Record<string, string>) =>
      Buffer.from(JSON.stringify({ messageId: 'm-1', sourceEvent }));
    expect(
      matchIngestRecord(
        event,
        Topics.SmsRequestedV1,
        request({ id: 'ev-1', source: 'herald-cli', type: 'order.placed' }),
        {},
      ),
    ).toEqual({ kind: 'accepted', messageIds: ['m-1'] });
    expect(
      matchIngestRecord(
        event,
        Topics.SmsRequestedV1,
        request({ id: 'ev-1', source: 'shop', type: 'order.placed' }),
        {},
      ),
    ).toBeUndefined();
    expect(
      matchIngestRecord(
        event,
        Topics.SmsRequestedV1,
        request({ id: 'ev-2', source: 'herald-cli', type: 'order.placed' }),
        {},
      ),
    ).toBeUndefined();
    expect(matchIngestRecord(event, Topics.SmsRequestedV1, Buffer.from('{not json'), {})).toBeUndefined();
    const dead = {
      [CeHeader.id]: 'ev-1',
      [CeHeader.source]: 'herald-cli',
      [DlqHeader.code]: 'INVALID_PHONE',
      [DlqHeader.message]: 'customer.phone is not a number',
    };
    expect(matchIngestRecord(event, dlqTopicOf('order.placed'), null, dead)).toEqual({
      kind: 'dead-lettered',
      code: 'INVALID_PHONE',
      message: 'customer.phone is not a number',
    });
    expect(
      matchIngestRecord(event, dlqTopicOf('order.placed'), null, { ...dead, [CeHeader.source]: 'shop' }),
    ).toBeUndefined();
    expect(explainOutcome({ kind: 'dead-lettered', code: 'INVALID_PHONE', message: 'bad' }, 'order.placed', 15)).toBe(
      'ingest dead-lettered the event: INVALID_PHONE bad',
    );
    expect(explainOutcome({ kind: 'timed-out' }, 'order.placed', 15)).toMatch(
      /no message for the event within 15 s.*herald dlq list order.placed/,
    );
    expect(explainOutcome({ kind: 'accepted', messageIds: ['m-1'] }, 'order.placed', 15)).toBeUndefined();
  });

  it('takes the first <thing>Id as the business key', () => {
    expect(businessIdOf({ customer: {}, bookingId: 'B-1', orderId: 'O-1' })).toBe('B-1');
    expect(businessIdOf({ customer: {} })).toBeUndefined();
  });
});

describe('herald tail receipts / dlq', () => {
  it('turns --recipient into the recipient token, and needs the key for it', () => {
    const key = 'k'.repeat(32);
    const f = receiptFilter(args('tail receipts --recipient +33612345678'), config({ RECIPIENT_TOKEN_KEY: key }));
    expect(f.recipientToken).toMatch(/^[0-9a-f]{64}$/);
    expect(
      receiptFilter(args('tail receipts --recipient 0033612345678'), config({ RECIPIENT_TOKEN_KEY: key }))
        .recipientToken,
    ).toBe(f.recipientToken);
    expect(() => receiptFilter(args('tail receipts --recipient +33612345678'), config())).toThrow(
      /needs RECIPIENT_TOKEN_KEY/,
    );
    const r = { messageId: 'm1', recipientToken: f.recipientToken } as Parameters<typeof matchesReceipt>[0];
    expect(matchesReceipt(r, { messageIds: new Set(['m1']), recipientToken: f.recipientToken })).toBe(true);
    expect(matchesReceipt(r, { messageIds: new Set(['m2']) })).toBe(false);
  });

  it('takes several message ids, comma- or line-separated as `$(herald publish --ids-only)` prints them', () => {
    const a = '1b4e28ba-2fa1-51d2-883f-0016d3cca427';
    const b = '6fa459ea-ee8a-5ca4-894e-db77e160355e';
    expect([...messageIdsOf(parseArgs(['tail', 'receipts', '--message', `${a}\n${b.toUpperCase()}`]))!]).toEqual([
      a,
      b,
    ]);
    expect([...messageIdsOf(parseArgs(['tail', 'receipts', '--message', `${a},${b}`]))!]).toEqual([a, b]);
    expect(messageIdsOf(args('tail receipts'))).toBeUndefined();
    expect(() => messageIdsOf(args('tail receipts --message not-an-id'))).toThrow(/UUIDs\), got "not-an-id"/);
  });

  it('a dry run reports "would replay N", never "replayed"', () => {
    const counts = { scanned: 7, replayed: 2, byTopic: { 'order.placed': 2 } };
    const dry = replayReport(counts, true);
    expect(dry.summary).toBe('would replay 2 of 7 scanned (order.placed: 2); dry run, nothing sent');
    expect(dry.json).toEqual({ dryRun: true, scanned: 7, wouldReplay: 2, byTopic: { 'order.placed': 2 } });
    expect(JSON.stringify(dry)).not.toContain('replayed');
    expect(replayReport(counts, false)).toEqual({ json: counts, summary: 'replayed 2 of 7 scanned (order.placed: 2)' });
  });

  it.each([
    ['dlq list sms.requested.v1', 'sms.requested.v1.dlq'],
    ['dlq list sms.requested.v1.dlq', 'sms.requested.v1.dlq'],
  ])('%s reads %s', (line, topic) => expect(dlqTopicArg(args(line))).toBe(topic));

  it('refuses a topic outside the registry', () => {
    expect(() => dlqTopicArg(args('dlq list sms.typo.v1'))).toThrow(UsageError);
  });
});

describe('herald optout / template preview', () => {
  const c = config({
    COMPLIANCE_ADMIN_TOKENS: 'ops:compliance-token-0123456789',
    TEMPLATING_ADMIN_TOKEN: 'templating-token-0123456789',
  });

  it('optout add/remove call compliance POST/DELETE /v1/optouts with the first admin token', () => {
    expect(optoutCall(args('optout add --phone +33612345678 --brand acme --reason asked'), c)).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:3003/v1/optouts',
      token: 'compliance-token-0123456789',
      body: { brand: 'acme', phone: '+33612345678', reason: 'asked' },
    });
    expect(optoutCall(args('optout remove --phone +33612345678 --brand acme'), c).method).toBe('DELETE');
    expect(() => optoutCall(args('optout add --brand acme'), c)).toThrow(/exactly one of --phone/);
    expect(() => optoutCall(args('optout add --phone +336 --brand acme'), config())).toThrow(/COMPLIANCE_ADMIN_TOKEN/);
  });

  it('template preview posts locale, variables and version to templating', () => {
    const call = previewCall(
      parseArgs([
        'template',
        'preview',
        'order.placed',
        '--locale',
        'fr',
        '--vars',
        '{"customer":{"firstName":"Ana"}}',
        '--version',
        '2',
      ]),
      c,
    );
    expect(call).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3002/v1/templates/order.placed/preview',
      body: { locale: 'fr', variables: { customer: { firstName: 'Ana' } }, version: 2 },
    });
    expect(() => previewCall(parseArgs(['template', 'preview', 'k', '--locale', 'fr', '--vars', '[1]']), c)).toThrow(
      /JSON object/,
    );
  });

  it('reads COMPLIANCE_ADMIN_TOKEN before COMPLIANCE_ADMIN_TOKENS', () => {
    const both = Object.assign(new HeraldCliConfig(), {
      COMPLIANCE_ADMIN_TOKEN: 'direct-token-0123456789',
      COMPLIANCE_ADMIN_TOKENS: 'a:b',
    });
    expect(complianceToken(both)).toBe('direct-token-0123456789');
  });
});

describe('herald main', () => {
  it('prints usage and exits 2 on a usage error, naming the problem', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await run(
        ['frobnicate'],
        {},
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err.join()).toContain('unknown command "frobnicate"');
    expect(
      await run(
        ['help'],
        {},
        (l) => out.push(l),
        () => undefined,
      ),
    ).toBe(0);
    expect(out.join()).toContain('dlq replay <topic>');
    expect(
      await run(
        ['publish', 'order.placed'],
        { KAFKA_BROKERS: 'nohostport' },
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err.join()).toContain('invalid configuration: KAFKA_BROKERS: must be host:port');
  });
});
