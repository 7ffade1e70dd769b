import { ConfigError, loadConfig } from '@herald/service-kit';
import { ReceiptsConfig } from './receipts.config';
import { receiptsOptions } from './receipts.options';
import { receiptsDefinition, receiptsService } from './receipts.definition';

const base = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('receipts service definition', () => {
  it('is named receipts, which is also its consumer group and metric prefix', () => {
    expect(receiptsService.service).toBe('receipts');
    expect(receiptsService.database?.schema).toBe('receipts');
    expect(receiptsDefinition('receipts-it-1').service).toBe('receipts-it-1');
  });

  it('has the documented defaults', () => {
    const c = loadConfig(ReceiptsConfig, base);
    expect(c).toMatchObject({
      HTTP_PORT: 3005,
      RECEIPTS_DLR_TIMEOUT_SECONDS: 259200,
      RECEIPTS_SWEEP_INTERVAL_MS: 60000,
      RECEIPTS_PENDING_DLR_TTL_SECONDS: 3600,
      RECEIPTS_API_KEYS: '',
    });
    const o = receiptsOptions(c, 'receipts');
    expect(o.apiKeys.size).toBe(0);
    expect(o.dlrTimeoutMs).toBe(259200 * 1000);
    expect(o.brands.brandsForSender('36111')).toEqual(['maison-durand']);
  });

  it('parses the API keys', () => {
    const c = loadConfig(ReceiptsConfig, { ...base, RECEIPTS_API_KEYS: 'support:0123456789abcdef0123' });
    expect(receiptsOptions(c, 'receipts').apiKeys.find('0123456789abcdef0123')?.name).toBe('support');
  });

  it.each([
    ['RECEIPTS_API_KEYS', 'support:short'],
    ['RECEIPTS_SWEEP_INTERVAL_MS', '5'],
    ['HERALD_BRANDS_FILE', 'brands.yaml'],
  ])('refuses %s=%j with one line naming the key', (key, value) => {
    expect(() => loadConfig(ReceiptsConfig, { ...base, [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig(ReceiptsConfig, { ...base, [key]: value })).toThrow(key);
  });
});
