import { Topics, validateTopicPayload, type SmsRequestedV1 } from '@herald/contracts';
import { MetricsRegistry } from '@herald/observability';
import { PiiCipher } from '@herald/pii';
import { loadBrands, loadConfig } from '@herald/service-kit';
import type { CompiledTemplate } from '../domain/render-message';
import { TemplateEngine } from '../domain/template-engine';
import { TemplatingConfig } from '../templating.config';
import { TemplatingMetrics } from '../templating.metrics';
import { SmsRenderer } from './sms-renderer.service';

const keys = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
const cipher = PiiCipher.fromSpec(keys);
const config = loadConfig(TemplatingConfig, { RECIPIENT_TOKEN_KEY: 'r'.repeat(32), PII_ENCRYPTION_KEYS: keys });
const engine = new TemplateEngine();
const metrics = new TemplatingMetrics(new MetricsRegistry('templating_unit'));
const renderer = new SmsRenderer(
  engine,
  cipher,
  metrics,
  config,
  { now: () => new Date('2025-03-01T10:05:00.090Z') },
  loadBrands(config.HERALD_BRANDS_FILE),
  'templating',
);

const otpTemplate: CompiledTemplate = {
  key: 'auth.otp_requested',
  locale: 'en',
  version: 4,
  body: '{{ otp.code }} is your {{ brand }} code.',
  senderProfile: 'otp-default',
  category: 'otp',
  registeredTemplateId: '1107161234567890123',
  maxSegments: 1,
  variables: {},
  transliterate: true,
  active: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  compiled: engine.compile('{{ otp.code }} is your {{ brand }} code.'),
};
const lookup = (key: string) => (key === otpTemplate.key ? new Map([['en', otpTemplate]]) : undefined);

const request = (over: Partial<SmsRequestedV1> = {}): SmsRequestedV1 =>
  ({
    messageId: '6da67966-2f23-52da-a46a-5a4d5dccc12d',
    sourceEvent: {
      id: 'evt-otp-5521',
      type: 'auth.otp_requested',
      source: 'auth-service',
      time: '2025-03-01T10:05:00Z',
    },
    templateKey: 'auth.otp_requested',
    category: 'transactional',
    recipient: { token: 'b'.repeat(64), phoneEnc: cipher.encrypt('+353851234567'), country: 'IE' },
    locale: 'en-IE',
    variables: { otp: { expiresInSeconds: 600 } },
    secretsEnc: cipher.encrypt(JSON.stringify({ otp: { code: '482913' } })),
    secretVariables: ['otp.code'],
    brand: 'acme-bank',
    ttlSeconds: 600,
    expiresAt: '2025-03-01T10:15:00.040Z',
    requestedAt: '2025-03-01T10:05:00.040Z',
    priority: 'high',
    ...over,
  }) as SmsRequestedV1;

describe('SmsRenderer', () => {
  it('builds sms.rendered.v1 with the body encrypted and without variables or secrets', () => {
    const outcome = renderer.render(request(), lookup);
    if (!outcome.ok) throw outcome.error;
    const { rendered } = outcome;
    expect(cipher.decrypt(rendered.bodyEnc)).toBe('482913 is your Acme Bank code.');
    expect(rendered).toMatchObject({
      templateVersion: 4,
      encoding: 'GSM7',
      segments: 1,
      characters: 30,
      senderProfile: 'otp-default',
      registeredTemplateId: '1107161234567890123',
      category: 'otp',
      renderedAt: '2025-03-01T10:05:00.090Z',
      secretVariables: ['otp.code'],
    });
    expect(rendered).not.toHaveProperty('variables');
    expect(rendered).not.toHaveProperty('secretsEnc');
    expect(JSON.stringify(rendered)).not.toContain('482913');
    expect(validateTopicPayload(Topics.SmsRenderedV1, rendered).ok).toBe(true);
  });

  it.each([
    ['an unknown key id', () => 'zz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', /cannot be decrypted/],
    [
      'a tampered ciphertext',
      () => cipher.encrypt('{"otp":{"code":"1"}}').slice(0, -4) + 'AAAA',
      /cannot be decrypted/,
    ],
    ['text that is not JSON', () => cipher.encrypt('code=482913'), /^secretsEnc does not hold JSON$/],
    ['JSON that is not an object', () => cipher.encrypt('["482913"]'), /must hold a JSON object/],
  ])('fails %s as CONTRACT_VIOLATION, without the plaintext in the reason', (_label, secretsEnc, reason) => {
    const outcome = renderer.render(request({ secretsEnc: secretsEnc() }), lookup);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('CONTRACT_VIOLATION');
    expect(outcome.error.message).toMatch(reason);
    expect(outcome.error.message).not.toContain('482913');
    expect(outcome.status).toMatchObject({ status: 'failed', reasonCode: 'CONTRACT_VIOLATION' });
  });

  it('reports a failed status with the request meta for an unknown template', () => {
    const outcome = renderer.render(request({ templateKey: 'nope' }), lookup);
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.status).toEqual({
      messageId: '6da67966-2f23-52da-a46a-5a4d5dccc12d',
      status: 'failed',
      reasonCode: 'UNKNOWN_TEMPLATE',
      reason: 'no active template nope for locales en-IE -> en',
      service: 'templating',
      at: '2025-03-01T10:05:00.090Z',
      meta: {
        sourceEventId: 'evt-otp-5521',
        sourceEventType: 'auth.otp_requested',
        templateKey: 'nope',
        locale: 'en-IE',
        category: 'transactional',
        country: 'IE',
        recipientToken: 'b'.repeat(64),
        acceptedAt: '2025-03-01T10:05:00.040Z',
      },
    });
    expect(validateTopicPayload(Topics.SmsStatusV1, outcome.status).ok).toBe(true);
  });

  it('fails a message whose brand is not in the brands file, whatever it names (issue 19)', () => {
    const outcome = renderer.render(request({ brand: 'x-anything' }), lookup);
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error.code).toBe('UNKNOWN_BRAND');
    expect(outcome.status).toMatchObject({ status: 'failed', reasonCode: 'UNKNOWN_BRAND' });
  });

  it('prints the configured brand name even when the variables carry a brand', () => {
    const outcome = renderer.render(
      request({ variables: { otp: { expiresInSeconds: 600 }, brand: 'Your bank, call +1 900' } }),
      lookup,
    );
    if (!outcome.ok) throw outcome.error;
    expect(cipher.decrypt(outcome.rendered.bodyEnc)).toBe('482913 is your Acme Bank code.');
  });

  it('fails, never sends, a value over its declared maxLength', () => {
    const declared = { ...otpTemplate, variables: { 'otp.code': { maxLength: 6, sample: '123456', secret: true } } };
    const outcome = renderer.render(
      request({ secretsEnc: cipher.encrypt(JSON.stringify({ otp: { code: '48291300000' } })) }),
      () => new Map([['en', declared]]),
    );
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.status).toMatchObject({ status: 'failed', reasonCode: 'VARIABLE_INVALID' });
    expect(outcome.status.reason).toMatch(/otp.code has 11 characters, more than its maxLength 6/);
    expect(outcome.status.reason).not.toContain('482913');
  });
});
