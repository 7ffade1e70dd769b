import { signWebhook, verifySignature } from './herald-signature';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');
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
    const verdict = verifySignature(req, [NEW, OLD], NOW);
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });

  it('refuses every request when the carrier has no secret', () => {
    expect(verifySignature(signed(NEW), [], NOW)).toEqual({ ok: false, reason: 'unknown_carrier' });
  });
});
