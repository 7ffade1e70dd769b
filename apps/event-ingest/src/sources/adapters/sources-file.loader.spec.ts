import { loadBrands } from '@herald/service-kit';
import { loadSourceRegistry } from './sources-file.loader';

describe('loadSourceRegistry', () => {
  const brands = loadBrands('config/brands.v1.json');

  it('the shipped config/sources.v1.json has the three development sources, one per platform', () => {
    const registry = loadSourceRegistry('config/sources.v1.json', brands);
    expect([...registry.sources.values()].map((s) => [s.id, s.platform, s.pack.name])).toEqual([
      ['shopify-dev', 'shopify', 'shopify.v1'],
      ['woocommerce-dev', 'woocommerce', 'woocommerce.v1'],
      ['stripe-dev', 'stripe', 'stripe.v1'],
    ]);
  });

  it('a missing file stops the start with one CONFIG_INVALID line naming the setting', () => {
    expect(() => loadSourceRegistry('config/no-such-sources.json', brands)).toThrow(
      /cannot read sources file .*no-such-sources.json \(INGEST_SOURCES_FILE\): ENOENT/,
    );
  });
});
