import { createHash, timingSafeEqual } from 'node:crypto';
import { HeraldError } from '@herald/contracts';
import type { KeyHolder } from './bearer-key.guard';

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** Keys from the environment, held only as SHA-256 digests. */
export class StaticKeyRing {
  private readonly keys: ReadonlyArray<{ name: string; digest: Buffer }>;

  /** Every key gets `scopes`. */
  constructor(
    keys: ReadonlyArray<{ name: string; key: string }>,
    private readonly scopes: readonly string[] = [],
  ) {
    this.keys = keys.map(({ name, key }) => ({ name, digest: digest(key) }));
  }

  /** `name:key[,name:key...]`; `setting` names the variable in the error. */
  static parse(spec: string, setting: string, scopes: readonly string[] = []): StaticKeyRing {
    const keys = spec
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
      .map((entry) => {
        const colon = entry.indexOf(':');
        if (colon <= 0 || colon === entry.length - 1)
          throw new HeraldError('CONFIG_INVALID', `${setting} entries must be name:key`);
        return { name: entry.slice(0, colon), key: entry.slice(colon + 1) };
      });
    return new StaticKeyRing(keys, scopes);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Every key is compared (fixed-length digests), so timing reveals neither the key nor which one matched. */
  find(presented: string): KeyHolder | undefined {
    const candidate = digest(presented);
    let name: string | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.digest, candidate) && name === undefined) name = key.name;
    return name === undefined ? undefined : { name, scopes: this.scopes };
  }
}
