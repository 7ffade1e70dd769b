import { HttpException } from '@nestjs/common';
import { integer, matches, oneOf, required, text, validate } from './errors';

describe('console request validation', () => {
  it('reports every failing field with its first reason, as a 400', () => {
    let thrown: HttpException | undefined;
    try {
      validate(
        { name: 'A!', role: 'boss', version: 1.5 },
        {
          name: [required, matches(/^[a-z]+$/, 'must be lowercase')],
          role: [required, oneOf(['viewer', 'admin'])],
          reason: [required, text(5)],
          version: [integer(1, 9)],
        },
      );
    } catch (e) {
      thrown = e as HttpException;
    }
    expect(thrown?.getStatus()).toBe(400);
    expect(thrown?.getResponse()).toMatchObject({
      error: 'BAD_REQUEST',
      fields: [
        { field: 'name', reason: 'must be lowercase' },
        { field: 'role', reason: 'must be one of viewer, admin' },
        { field: 'reason', reason: 'is required' },
        { field: 'version', reason: 'must be an integer 1-9' },
      ],
    });
  });

  it('returns the body when every rule passes', () => {
    expect(validate({ reason: 'abc' }, { reason: [required, text(5)] })).toEqual({ reason: 'abc' });
  });
});
