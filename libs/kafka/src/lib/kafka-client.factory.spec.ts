import { HeraldError } from '@herald/contracts';
import { createLogger } from '@herald/observability';
import { createKafkaClient, saslOptionsOf } from './kafka-client.factory';

describe('saslOptionsOf', () => {
  it('is SCRAM-SHA-512 with both credentials, nothing without a SASL protocol', () => {
    expect(saslOptionsOf({ protocol: 'SASL_SSL', username: 'herald-dispatch', password: 'p' })).toEqual({
      mechanism: 'scram-sha-512',
      username: 'herald-dispatch',
      password: 'p',
    });
    expect(saslOptionsOf({ protocol: 'SSL', username: 'ignored' })).toBeUndefined();
    expect(saslOptionsOf({ protocol: 'PLAINTEXT' })).toBeUndefined();
    expect(saslOptionsOf(undefined)).toBeUndefined();
  });

  it.each([
    [{ protocol: 'SASL_SSL' as const }, 'missing: username and password'],
    [{ protocol: 'SASL_PLAINTEXT' as const, username: 'herald-dispatch' }, 'missing: password'],
    [{ protocol: 'SASL_SSL' as const, password: 'p', username: '' }, 'missing: username'],
  ])('refuses %j instead of connecting without SASL', (sec, missing) => {
    expect(() => saslOptionsOf(sec)).toThrow(HeraldError);
    expect(() => saslOptionsOf(sec)).toThrow(
      `Kafka security protocol ${sec.protocol} needs a SASL username and password; ${missing}`,
    );
    expect(() =>
      createKafkaClient({ service: 's', brokers: ['127.0.0.1:1'], security: sec }, createLogger('s', 'silent')),
    ).toThrow(missing);
  });
});
