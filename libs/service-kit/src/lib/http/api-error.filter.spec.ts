import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { HeraldError, isApiErrorCode } from '@herald/contracts';
import { ApiError } from './api-error';
import { answerFor } from './api-error.filter';

describe('the one HTTP error answer', () => {
  it('writes an ApiError as thrown, headers and extra properties included', () => {
    const e = new ApiError(429, 'RATE_LIMITED', 'slow down', [], { 'Retry-After': '2' }, { limit: 5 });
    expect(answerFor(e)).toEqual({
      status: 429,
      body: { error: 'RATE_LIMITED', message: 'slow down', fields: [], limit: 5 },
      headers: { 'Retry-After': '2' },
    });
  });

  it('answers database or broker trouble with a 503 worth retrying', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(answerFor(refused)).toMatchObject({
      status: 503,
      body: { error: 'DB_UNAVAILABLE', fields: [] },
      headers: { 'Retry-After': '1' },
    });
    expect(answerFor(new HeraldError('BROKER_UNAVAILABLE', 'no broker'))).toMatchObject({
      status: 503,
      body: { error: 'BROKER_UNAVAILABLE' },
    });
  });

  it("rewrites Nest's own exceptions into the body, with a field reason for a bad body", () => {
    expect(answerFor(new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      body: { error: 'NOT_FOUND', message: 'Cannot GET /nope', fields: [] },
      headers: {},
    });
    expect(answerFor(new BadRequestException('Unexpected token'))).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST', fields: [{ field: '$', reason: 'Unexpected token' }] },
    });
    expect(answerFor(new PayloadTooLargeException('request entity too large'))).toMatchObject({
      status: 413,
      body: { error: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('answers a non-retriable HeraldError with its code and anything else with INTERNAL, codes all in the catalogue', () => {
    const answers = [answerFor(new HeraldError('CONFIG_INVALID', 'bad rules')), answerFor(new Error('boom'))];
    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [500, 'CONFIG_INVALID'],
      [500, 'INTERNAL'],
    ]);
    expect(answers.every((a) => isApiErrorCode(a.body.error))).toBe(true);
  });
});
