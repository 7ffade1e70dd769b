import { createHash, timingSafeEqual } from 'node:crypto';
import { HeraldError } from '@herald/contracts';

/** Support API keys, held only as SHA-256 digests and compared in constant time. */
export class ApiKeyRing {
  private constructor(private readonly keys: ReadonlyArray<{ name: string; digest: Buffer }>) {}

  /** `name:key[,name:key...]` (RECEIPTS_API_KEYS); empty means no key is valid. */
  static parse(spec: string): ApiKeyRing {
    const keys: Array<{ name: string; digest: Buffer }> = [];
    for (const entry of spec.split(',').map((e) => e.trim()).filter(Boolean)) {
      const colon = entry.indexOf(':');
      if (colon <= 0 || colon === entry.length - 1) throw new HeraldError('CONFIG_INVALID', 'RECEIPTS_API_KEYS entries must be name:key');
      keys.push({ name: entry.slice(0, colon), digest: digest(entry.slice(colon + 1)) });
    }
    return new ApiKeyRing(keys);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key's name, or undefined. Every key is compared, so timing does not reveal which one matched. */
  identify(presented: string | undefined): string | undefined {
    if (!presented) return undefined;
    const candidate = digest(presented);
    let name: string | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.digest, candidate) && name === undefined) name = key.name;
    return name;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
