import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HeraldError, type BrandRegistry } from '@herald/contracts';
import { parseSourceRegistry, type SourceRegistry } from '../domain/source-registry';

/** Reads and validates the sources file once, at start; any problem is one CONFIG_INVALID line. */
export function loadSourceRegistry(file: string, brands: BrandRegistry): SourceRegistry {
  const resolved = path.resolve(file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolved, 'utf8'));
  } catch (e) {
    throw new HeraldError(
      'CONFIG_INVALID',
      `cannot read sources file ${resolved} (INGEST_SOURCES_FILE): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseSourceRegistry(doc, resolved, brands);
}
