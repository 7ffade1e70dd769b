import { HeraldError } from '@herald/contracts';
import { asDbUnavailable, isTransientDbError, withDbErrors } from './db-errors';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' });

describe('transient database errors', () => {
  it('knows connection failures, admin shutdown and deadlocks from bugs', () => {
    expect(isTransientDbError(refused)).toBe(true);
    expect(isTransientDbError({ driverError: { code: '57P01' } })).toBe(true);
    expect(isTransientDbError({ code: '40P01' })).toBe(true);
    expect(isTransientDbError(syntax)).toBe(false);
  });

  it('turns a transient failure into a retriable DB_UNAVAILABLE naming what failed', async () => {
    const e = await withDbErrors('send ledger', () => Promise.reject(refused)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HeraldError);
    expect(e).toMatchObject({
      code: 'DB_UNAVAILABLE',
      retriable: true,
      message: 'send ledger: connect ECONNREFUSED 127.0.0.1:5432',
      cause: refused,
    });
  });

  it('leaves a bug and an error that already has a code as they are', async () => {
    await expect(withDbErrors('templates', () => Promise.reject(syntax))).rejects.toBe(syntax);
    const coded = new HeraldError('BROKER_UNAVAILABLE', 'Connection terminated');
    expect(asDbUnavailable('x', coded)).toBe(coded);
    await expect(withDbErrors('x', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
