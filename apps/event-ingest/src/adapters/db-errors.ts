import { HeraldError, isHeraldError } from '@herald/contracts';
import { isTransientDbError } from '@herald/persistence';

/** A connection problem becomes a retriable DB_UNAVAILABLE; anything else is a bug and stays as it is. */
export async function withDbErrors<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!isHeraldError(e) && isTransientDbError(e)) {
      throw new HeraldError('DB_UNAVAILABLE', `${what}: ${(e as Error).message}`, { cause: e });
    }
    throw e;
  }
}
