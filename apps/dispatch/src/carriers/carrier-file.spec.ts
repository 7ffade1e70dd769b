import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCarriers } from './carrier-registry';

const parseCarriersFile = (json: unknown) => parseCarriers(json, 'the carriers file');

const smpp = {
  id: 'sim',
  type: 'smpp',
  host: '127.0.0.1',
  port: 2775,
  systemId: 'herald',
  passwordEnv: 'DISPATCH_SMPP_PASSWORD',
  windowSize: 10,
  mpsSegments: 100,
  countries: '*',
  priority: 1,
};

const common = { id: 'agg', windowSize: 5, mpsSegments: 0, countries: '*', priority: 1 };

describe('parseCarriers', () => {
  it('reads the default carriers file shipped with the app', () => {
    const file = path.join(__dirname, '../../carriers/carriers.v1.json');
    expect(parseCarriersFile(JSON.parse(readFileSync(file, 'utf8')))).toEqual([
      expect.objectContaining({
        id: 'smsc-sim',
        type: 'smpp',
        port: 2775,
        passwordEnv: 'DISPATCH_SMPP_PASSWORD',
        concat: 'udh',
        countries: '*',
      }),
    ]);
  });

  it('defaults concat to UDH and keeps the optional fields', () => {
    const [c] = parseCarriersFile({
      carriers: [{ ...smpp, prefixes: ['+91'], acceptdAs: 'delivered', systemType: 'OTP' }],
    });
    expect(c).toEqual({ ...smpp, concat: 'udh', prefixes: ['+91'], acceptdAs: 'delivered', systemType: 'OTP' });
  });

  it('reads an HTTP aggregator', () => {
    const [c] = parseCarriersFile({
      carriers: [
        {
          id: 'agg',
          type: 'http',
          url: 'https://api.example/sms',
          passwordEnv: 'DISPATCH_HTTP_CARRIER_TOKEN',
          windowSize: 5,
          mpsSegments: 0,
          countries: ['FR'],
          priority: 2,
        },
      ],
    });
    expect(c).toEqual({
      id: 'agg',
      type: 'http',
      url: 'https://api.example/sms',
      passwordEnv: 'DISPATCH_HTTP_CARRIER_TOKEN',
      windowSize: 5,
      mpsSegments: 0,
      countries: ['FR'],
      priority: 2,
      acceptdAs: 'enroute',
    });
  });

  it('reads the idempotency key header of an HTTP aggregator', () => {
    const [c] = parseCarriersFile({
      carriers: [
        {
          id: 'agg',
          type: 'http',
          url: 'https://api.example/sms',
          windowSize: 5,
          mpsSegments: 0,
          countries: '*',
          priority: 1,
          idempotencyKeyHeader: 'Idempotency-Key',
        },
      ],
    });
    expect(c).toMatchObject({ idempotencyKeyHeader: 'Idempotency-Key' });
  });

  it.each([
    ['not an object', [], 'DISPATCH_CARRIERS_FILE: the carriers file: $: the file must be { "carriers": [ ... ] }'],
    ['no carriers', { carriers: [] }, 'carriers: must list at least one carrier'],
    ['a bad id', { carriers: [{ ...smpp, id: 'Bad Id' }] }, 'carriers[0].id: must match'],
    ['an unknown type', { carriers: [{ ...smpp, type: 'smtp' }] }, 'carriers[0].type: must be one of smpp, http'],
    ['an SMPP carrier without a host', { carriers: [{ ...smpp, host: undefined }] }, 'carriers[0].host: is required'],
    [
      'a port out of range',
      { carriers: [{ ...smpp, port: 70000 }] },
      'carriers[0].port: must be an integer in [1, 65535]',
    ],
    ['a zero window', { carriers: [{ ...smpp, windowSize: 0 }] }, 'carriers[0].windowSize: must be an integer'],
    [
      'a country that is not ISO2',
      { carriers: [{ ...smpp, countries: ['France'] }] },
      "carriers[0].countries: must be '*'",
    ],
    [
      'a prefix without +',
      { carriers: [{ ...smpp, prefixes: ['91'] }] },
      'carriers[0].prefixes[0]: must be an E.164 prefix',
    ],
    [
      'a secret inlined instead of named',
      { carriers: [{ ...smpp, passwordEnv: 'hunter2' }] },
      'carriers[0].passwordEnv: must be an env var NAME',
    ],
    [
      'an HTTP carrier without a URL',
      { carriers: [{ ...common, type: 'http', passwordEnv: 'X_TOKEN' }] },
      'carriers[0].url: is required',
    ],
    [
      'a field of another type (an SMPP host on an HTTP carrier)',
      { carriers: [{ ...smpp, type: 'http', url: 'https://x' }] },
      'carriers[0].host: unknown key (expected one of type, id, windowSize',
    ],
    [
      'an HTTP carrier with a bad URL',
      { carriers: [{ ...common, type: 'http', url: 'ftp://x' }] },
      'carriers[0].url: must be an http(s) URL',
    ],
    [
      'an unknown concat',
      { carriers: [{ ...smpp, concat: 'payload' }] },
      'carriers[0].concat: must be one of udh, sar',
    ],
    [
      'an idempotency key header that is not a header name',
      { carriers: [{ ...common, type: 'http', url: 'https://x', idempotencyKeyHeader: 'Idem Key:' }] },
      'carriers[0].idempotencyKeyHeader: must match',
    ],
    [
      'an idempotency key header on an SMPP carrier',
      { carriers: [{ ...smpp, idempotencyKeyHeader: 'Idempotency-Key' }] },
      'carriers[0].idempotencyKeyHeader: unknown key (expected one of',
    ],
    ['a duplicate id', { carriers: [smpp, smpp] }, 'carriers[1].id: duplicate id "sim"'],
    [
      'a reroute flag that is not a boolean',
      { carriers: [{ ...smpp, rerouteOnUndelivered: 'yes' }] },
      'carriers[0].rerouteOnUndelivered: must be true or false',
    ],
  ])('refuses %s with a CONFIG_INVALID naming the field', (_name, json, message) => {
    expect(() => parseCarriersFile(json)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(message) }),
    );
  });
});
