import { ALL_BRANDS } from '@herald/contracts';

export type BrandFailureCode = 'UNKNOWN_BRAND' | 'BRAND_NOT_ALLOWED';

export interface BrandFailure {
  code: BrandFailureCode;
  /** The field as the caller knows it: `brand`, `data.brand`. */
  field: string;
  reason: string;
}

/** What ingest knows of brands: the brands file and its default. */
export interface BrandCatalog {
  has(id: string): boolean;
  defaultBrand: string;
}

const shown = (brand: string) => JSON.stringify(brand.slice(0, 64));

/** A brand a message may carry at all: one of the brands file. */
export function checkKnownBrand(brand: string, field: string, brands: BrandCatalog): BrandFailure | undefined {
  if (brands.has(brand)) return undefined;
  return { code: 'UNKNOWN_BRAND', field, reason: `${shown(brand)} is not a configured brand` };
}

/**
 * The brands an API key may send for: those it lists, every configured brand for `*`, and only the
 * default brand for a key that lists none (keys created before brands existed).
 */
export function checkKeyBrand(
  brand: string,
  field: string,
  keyBrands: readonly string[],
  brands: BrandCatalog,
): BrandFailure | undefined {
  const unknown = checkKnownBrand(brand, field, brands);
  if (unknown) return unknown;
  const allowed = keyBrands.length === 0 ? [brands.defaultBrand] : keyBrands;
  if (allowed.includes(ALL_BRANDS) || allowed.includes(brand)) return undefined;
  return { code: 'BRAND_NOT_ALLOWED', field, reason: `${shown(brand)} is not a brand this API key may send for` };
}
