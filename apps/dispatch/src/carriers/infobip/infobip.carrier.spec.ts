import { carriersFileSchema } from '../common-config';
import { infobipCarrier, infobipRequest, type InfobipCarrierConfig } from './infobip.carrier';

const schema = carriersFileSchema([{ type: 'infobip', ...infobipCarrier.schema }]);
const entry = {
  id: 'infobip-eu',
  type: 'infobip',
  apiBaseUrl: 'https://xk3v9.api.infobip.com',
  apiKeyEnv: 'CARRIER_INFOBIP_API_KEY',
  from: 'Herald',
  webhookSecretEnv: 'CARRIER_INFOBIP_WEBHOOK',
  windowSize: 20,
  mpsSegments: 50,
  countries: '*',
  priority: 1,
};
const problems = (over: Record<string, unknown>) => {
  const outcome = schema.validate({ carriers: [{ ...entry, ...over }] });
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.path}: ${p.reason}`);
};

describe('the infobip carrier config', () => {
  it('accepts a complete entry, from being optional', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ from: undefined })).toEqual([]);
  });

  it.each([
    [{ apiBaseUrl: undefined }, 'apiBaseUrl'],
    [{ apiBaseUrl: 'xk3v9.api.infobip.com' }, 'apiBaseUrl'],
    [{ apiKeyEnv: 'my key' }, 'apiKeyEnv'],
    [{ webhookSecretEnv: undefined }, 'webhookSecretEnv'],
    [{ from: 'A sender name too long' }, 'from'],
    [{ notifyUrl: 'https://elsewhere' }, 'notifyUrl'],
    [{ deliveryReports: 'poll' }, 'deliveryReports'],
  ])('refuses %j, naming the key', (over, key) => {
    expect(problems(over).join('\n')).toContain(key);
  });

  it('has Infobip post reports to the notifyUrl of each request unless told to rely on the subscription', () => {
    expect(infobipCarrier.withDefaults!(entry as InfobipCarrierConfig).deliveryReports).toBe('notifyUrl');
    expect(problems({ deliveryReports: 'subscription' })).toEqual([]);
  });

  it('declares both secrets', () => {
    expect(infobipCarrier.secretFields).toEqual(['apiKeyEnv', 'webhookSecretEnv']);
  });
});

describe('infobipRequest', () => {
  const config = { ...entry, deliveryReports: 'notifyUrl' } as InfobipCarrierConfig;
  const sms = {
    messageId: 'm-1',
    reference: 'r',
    destination: '+4915112345678',
    source: 'Other',
    parts: ['Hello'],
    encoding: 'GSM7' as const,
    expiresAt: 0,
    country: 'DE',
  };
  const body = (expiresInMs: number) =>
    JSON.parse(
      infobipRequest(
        config,
        'k',
        { ...sms, expiresAt: 1_000_000 + expiresInMs },
        {
          statusCallbackUrl: 'https://dispatch.example/v1/carriers/infobip-eu/status',
          now: () => 1_000_000,
        },
      ).body,
    ).messages[0];

  it('sends from the configured sender, and the validity left in whole minutes within 1..2880', () => {
    expect(body(90_000)).toMatchObject({ from: 'Herald', validityPeriod: 2 });
    expect(body(-5_000).validityPeriod).toBe(1);
    expect(body(7 * 86_400_000).validityPeriod).toBe(2880);
  });

  it("uses the message's own source when no sender is configured", () => {
    const request = infobipRequest({ ...config, from: undefined }, 'k', sms, {
      statusCallbackUrl: 'http://x',
      now: () => 0,
    });
    expect(JSON.parse(request.body).messages[0].from).toBe('Other');
    expect(request.url).toBe('https://xk3v9.api.infobip.com/sms/2/text/advanced');
  });
});
