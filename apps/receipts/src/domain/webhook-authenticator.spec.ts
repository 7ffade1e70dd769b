import { HeraldError } from '@herald/contracts';
import type { Clock } from '@herald/service-kit';
import { WebhookAuthenticator, type ReplayStore } from './webhook-authenticator';
import { signWebhook, verifySignature } from './webhook-signature';

class MemoryReplays implements ReplayStore {
  readonly seen = new Set<string>();
  async claim(carrierId: string, signature: string): Promise<boolean> {
    const key = `${carrierId}|${signature}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
  async release(carrierId: string, signature: string): Promise<void> {
    this.seen.delete(`${carrierId}|${signature}`);
  }
}

const NOW = Date.parse('2025-03-01T10:00:00.000Z');
const clock: Clock = { now: () => new Date(NOW) };
const OLD = 'old-secret-0123456789';
const NEW = 'new-secret-0123456789';
const body = Buffer.from(
  JSON.stringify({ carrierMessageId: 'cm-1', status: 'DELIVRD', timestamp: '2025-03-01T09:59:58Z' }),
);
const ts = (offsetSeconds = 0) => String(Math.floor(NOW / 1000) + offsetSeconds);
const signed = (secret: string, timestamp = ts()) => ({
  timestamp,
  signature: `v1=${signWebhook(secret, timestamp, body)}`,
  rawBody: body,
});

describe('webhook signature verification', () => {
  const secrets = WebhookAuthenticator.parseSecrets(`smsc-a:${NEW}|${OLD},smsc-b:${'b'.repeat(16)}`);

  it.each<[string, Parameters<typeof verifySignature>[0], string]>([
    ['valid, first secret', signed(NEW), 'ok'],
    ['valid, second secret (rotation)', signed(OLD), 'ok'],
    ['wrong secret', signed('someone-else-secret-01'), 'bad_signature'],
    [
      'tampered body',
      { ...signed(NEW), rawBody: Buffer.from(body.toString().replace('DELIVRD', 'UNDELIV')) },
      'bad_signature',
    ],
    ['timestamp changed after signing', { ...signed(NEW), timestamp: ts(1) }, 'bad_signature'],
    ['stale by 301 s', signed(NEW, ts(-301)), 'stale_timestamp'],
    ['from the future by 301 s', signed(NEW, ts(301)), 'stale_timestamp'],
    ['at the edge of the window', signed(NEW, ts(-300)), 'ok'],
    ['timestamp in milliseconds-ish garbage', signed(NEW, 'abc'), 'stale_timestamp'],
    ['no timestamp', { ...signed(NEW), timestamp: undefined }, 'missing_timestamp'],
    ['no signature', { ...signed(NEW), signature: undefined }, 'missing_signature'],
    ['other scheme', { ...signed(NEW), signature: `v0=${'0'.repeat(64)}` }, 'malformed_signature'],
    ['short hex', { ...signed(NEW), signature: 'v1=abcd' }, 'malformed_signature'],
    ['one good among several', { ...signed(NEW), signature: `v1=${'0'.repeat(64)}, ${signed(OLD).signature}` }, 'ok'],
  ])('%s', (_name, req, expected) => {
    const verdict = verifySignature(req, secrets.get('smsc-a')!, NOW);
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });

  it('refuses a carrier without secrets', () => {
    const auth = new WebhookAuthenticator(secrets, new MemoryReplays(), clock);
    expect(auth.verify('smsc-z', signed(NEW))).toEqual({ ok: false, reason: 'unknown_carrier' });
  });

  it('accepts a signed request once: the replay is refused, a re-signed retry is not', async () => {
    const replays = new MemoryReplays();
    const auth = new WebhookAuthenticator(secrets, replays, clock);
    const first = auth.verify('smsc-a', signed(NEW));
    if (!first.ok) throw new Error('expected ok');
    expect(await auth.claim('smsc-a', first)).toBe(true);
    const replay = auth.verify('smsc-a', signed(NEW));
    if (!replay.ok) throw new Error('expected ok');
    expect(await auth.claim('smsc-a', replay)).toBe(false);
    const retry = auth.verify('smsc-a', signed(NEW, ts(-1)));
    if (!retry.ok) throw new Error('expected ok');
    expect(await auth.claim('smsc-a', retry)).toBe(true);
    await auth.release('smsc-a', first);
    expect(await auth.claim('smsc-a', first)).toBe(true);
  });

  it.each(['smsc-a', 'smsc-a:', 'a:1|2|3', `a:${NEW},a:${OLD}`])('rejects secrets spec %j', (spec) => {
    expect(() => WebhookAuthenticator.parseSecrets(spec)).toThrow(HeraldError);
  });
});
