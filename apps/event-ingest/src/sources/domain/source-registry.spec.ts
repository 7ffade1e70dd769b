import { HeraldError, parseBrands } from '@herald/contracts';
import { parseSourceRegistry, parseSourceSecrets } from './source-registry';

const brands = parseBrands(
  { version: 1, defaultBrand: 'herald', brands: { herald: { displayName: 'Herald', senders: ['Herald'] } } },
  'brands.json',
);
const parse = (sources: unknown) => parseSourceRegistry({ version: 1, sources }, 'sources.json', brands);
const reasonOf = (sources: unknown) => {
  try {
    parse(sources);
    return 'parsed';
  } catch (e) {
    expect(e).toBeInstanceOf(HeraldError);
    return (e as Error).message;
  }
};

describe('sources file', () => {
  it('reads each source with its platform, secret name, brand and pack', () => {
    const registry = parse({
      'shop-1': { platform: 'shopify', secret: 'shop-1', brand: 'herald', mappingPack: 'shopify.v1' },
    });
    expect(registry.sources.get('shop-1')).toMatchObject({
      id: 'shop-1',
      platform: 'shopify',
      secretRef: 'shop-1',
      brand: 'herald',
      pack: { name: 'shopify.v1' },
    });
  });

  it('refuses an unknown platform, brand or pack, a pack of another platform and a bad id', () => {
    const ok = { platform: 'stripe', secret: 's', brand: 'herald', mappingPack: 'stripe.v1' };
    expect(reasonOf({ s: { ...ok, platform: 'magento' } })).toContain(
      'sources.s.platform must be one of shopify, woocommerce, stripe',
    );
    expect(reasonOf({ s: { ...ok, brand: 'acme' } })).toContain(
      'sources.s.brand must be a brand of HERALD_BRANDS_FILE',
    );
    expect(reasonOf({ s: { ...ok, mappingPack: 'stripe.v9' } })).toContain('sources.s.mappingPack must be one of');
    expect(reasonOf({ s: { ...ok, mappingPack: 'shopify.v1' } })).toContain('maps shopify webhooks, not stripe');
    expect(reasonOf({ 'Shop A': ok })).toContain('sources.Shop A: the id must be');
    expect(() => parseSourceRegistry({ version: 2, sources: {} }, 'f', brands)).toThrow('version must be 1');
  });
});

describe('INGEST_SOURCE_SECRETS', () => {
  it('maps each ref to its secrets; a ref listed twice keeps both (rotation)', () => {
    const secrets = parseSourceSecrets('shop-1:aaaaaaaa, stripe-1:whsec_one1 ,stripe-1:whsec_two2');
    expect(Object.fromEntries(secrets)).toEqual({ 'shop-1': ['aaaaaaaa'], 'stripe-1': ['whsec_one1', 'whsec_two2'] });
    expect(parseSourceSecrets('').size).toBe(0);
  });

  it('refuses an entry without a ref or with a short secret, without echoing the secret', () => {
    expect(() => parseSourceSecrets('nocolonsecret')).toThrow('INGEST_SOURCE_SECRETS must be ref:secret pairs');
    expect(() => parseSourceSecrets('shop:short')).toThrow(/at least 8 characters$/);
  });
});
