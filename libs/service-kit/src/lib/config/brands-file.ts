import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HeraldError, parseBrands, type BrandRegistry } from '@herald/contracts';

/** Nest token of the BrandRegistry a service loaded from HERALD_BRANDS_FILE. */
export const BRANDS = Symbol('herald.brands');

/** Reads and validates HERALD_BRANDS_FILE once, at start; any problem is one CONFIG_INVALID line. */
export function loadBrands(file: string): BrandRegistry {
  const resolved = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8');
  } catch (e) {
    throw new HeraldError(
      'CONFIG_INVALID',
      `cannot read the brands file ${resolved} (HERALD_BRANDS_FILE): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HeraldError('CONFIG_INVALID', `the brands file ${resolved} is not valid JSON: ${(e as Error).message}`);
  }
  return parseBrands(doc, resolved);
}
