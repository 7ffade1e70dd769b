import { HeraldError, toHeraldError } from '@herald/contracts';
import { classifyFailure, isGroupRebalance } from './failure-class';

const err = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('classifyFailure', () => {
  it.each([
    [
      'DB_UNAVAILABLE',
      new HeraldError('DB_UNAVAILABLE', 'pg down'),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'BROKER_UNAVAILABLE',
      new HeraldError('BROKER_UNAVAILABLE', 'kafka down'),
      { kind: 'infrastructure', dependency: 'kafka' },
    ],
    ['a contract violation', new HeraldError('CONTRACT_VIOLATION', 'bad'), { kind: 'poison' }],
    ['a business rejection', new HeraldError('UNKNOWN_TEMPLATE', 'none'), { kind: 'poison' }],
    ['RETRIES_EXHAUSTED', new HeraldError('RETRIES_EXHAUSTED', 'x'), { kind: 'poison' }],
    ['an unexpected bug', new TypeError('x is undefined'), { kind: 'transient' }],
    ['HANDLER_FAILED', new HeraldError('HANDLER_FAILED', 'boom'), { kind: 'transient' }],
    ['a carrier hiccup', new HeraldError('CARRIER_TRANSIENT', 'bind lost'), { kind: 'transient' }],
    [
      'ECONNREFUSED',
      err('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'ECONNRESET',
      err('read ECONNRESET', { code: 'ECONNRESET' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    ['ETIMEDOUT', err('timeout', { code: 'ETIMEDOUT' }), { kind: 'infrastructure', dependency: 'postgresql' }],
    ['EPIPE', err('write EPIPE', { code: 'EPIPE' }), { kind: 'infrastructure', dependency: 'postgresql' }],
    [
      'ENOTFOUND',
      err('getaddrinfo ENOTFOUND db', { code: 'ENOTFOUND' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'Connection terminated',
      new Error('Connection terminated unexpectedly'),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'SQLSTATE 08006',
      err('connection failure', { code: '08006' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'SQLSTATE 57P01 admin shutdown',
      err('terminating connection due to administrator command', { code: '57P01' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'SQLSTATE 57P03 cannot connect now',
      err('the database system is starting up', { code: '57P03' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'SQLSTATE 53300 too many connections',
      err('sorry, too many clients already', { code: '53300' }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'a TypeORM QueryFailedError around 08P01',
      err('query failed', { name: 'QueryFailedError', driverError: err('protocol', { code: '08P01' }) }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    ['a unique violation (23505)', err('duplicate key', { code: '23505' }), { kind: 'transient' }],
    ['a syntax error (42601)', err('syntax error', { code: '42601' }), { kind: 'transient' }],
    [
      'KafkaJSConnectionError',
      err('Connection error', { name: 'KafkaJSConnectionError' }),
      { kind: 'infrastructure', dependency: 'kafka' },
    ],
    [
      'KafkaJSRequestTimeoutError',
      err('Request timed out', { name: 'KafkaJSRequestTimeoutError' }),
      { kind: 'infrastructure', dependency: 'kafka' },
    ],
    [
      'a retriable protocol error (NOT_COORDINATOR)',
      err('not coordinator', { name: 'KafkaJSProtocolError', type: 'NOT_COORDINATOR', retriable: true }),
      { kind: 'infrastructure', dependency: 'kafka' },
    ],
    [
      'a non-retriable protocol error',
      err('too large', { name: 'KafkaJSProtocolError', type: 'MESSAGE_TOO_LARGE', retriable: false }),
      { kind: 'transient' },
    ],
    [
      'HANDLER_FAILED around ECONNRESET',
      toHeraldError(err('read ECONNRESET', { code: 'ECONNRESET' })),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
    [
      'HANDLER_FAILED around DB_UNAVAILABLE',
      new HeraldError('HANDLER_FAILED', 'x', { cause: new HeraldError('DB_UNAVAILABLE', 'y') }),
      { kind: 'infrastructure', dependency: 'postgresql' },
    ],
  ])('%s', (_name, error, expected) => {
    expect(classifyFailure(error, 'postgresql')).toEqual(expected);
  });

  it('attributes a bare socket error to the dependency of the step that failed', () => {
    expect(classifyFailure(err('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), 'kafka')).toEqual({
      kind: 'infrastructure',
      dependency: 'kafka',
    });
  });
});

describe('isGroupRebalance', () => {
  it.each([
    ['REBALANCE_IN_PROGRESS', true],
    ['ILLEGAL_GENERATION', true],
    ['UNKNOWN_MEMBER_ID', true],
    ['NOT_COORDINATOR', false],
    [undefined, false],
  ])('%s -> %s', (type, expected) => {
    expect(isGroupRebalance(err('x', { type }))).toBe(expected);
  });
});
