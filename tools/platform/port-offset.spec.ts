import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require('./port-offset.js') as {
  portOffset(env: Record<string, string | undefined>): number;
  kafkaPorts(env: Record<string, string | undefined>): { port: number; controllerPort: number };
  platformDir(env: Record<string, string | undefined>): string;
  databaseName(env: Record<string, string | undefined>): string;
  movedPortsEnv(offset: number, dir: string): Record<string, string>;
  portAdvice(offset: number): string;
};

describe('HERALD_PORT_OFFSET', () => {
  it('is 0 when unset, and HERALD_E2E_PORT_OFFSET (its former name) is read when it is unset', () => {
    expect(ports.portOffset({})).toBe(0);
    expect(ports.portOffset({ HERALD_E2E_PORT_OFFSET: '300' })).toBe(300);
    expect(ports.portOffset({ HERALD_PORT_OFFSET: '900', HERALD_E2E_PORT_OFFSET: '300' })).toBe(900);
    expect(ports.portOffset({ HERALD_PORT_OFFSET: '', HERALD_E2E_PORT_OFFSET: '300' })).toBe(300);
  });

  it.each(['-1', '1.5', 'abc', '20000'])('refuses %s naming the variable', (value) => {
    expect(() => ports.portOffset({ HERALD_PORT_OFFSET: value })).toThrow(
      /^HERALD_PORT_OFFSET must be an integer from 0 to 13000/,
    );
  });

  it('moves the local broker ports unless KAFKA_PORT / KAFKA_CONTROLLER_PORT are set', () => {
    expect(ports.kafkaPorts({})).toEqual({ port: 19092, controllerPort: 19093 });
    expect(ports.kafkaPorts({ HERALD_PORT_OFFSET: '900' })).toEqual({ port: 19992, controllerPort: 19993 });
    expect(
      ports.kafkaPorts({ HERALD_PORT_OFFSET: '900', KAFKA_PORT: '29692', KAFKA_CONTROLLER_PORT: '29693' }),
    ).toEqual({ port: 29692, controllerPort: 29693 });
  });

  it('gives a moved Herald its own platform directory and database', () => {
    expect(path.relative(path.resolve(__dirname, '../..'), ports.platformDir({}))).toBe('.platform');
    expect(path.relative(path.resolve(__dirname, '../..'), ports.platformDir({ HERALD_PORT_OFFSET: '900' }))).toBe(
      path.join('.platform', 'offset-900'),
    );
    expect(ports.databaseName({})).toBe('herald');
    expect(ports.databaseName({ HERALD_PORT_OFFSET: '900' })).toBe('herald_900');
  });

  it('points the simulator, dispatch carriers file and event-ingest at the moved ports', () => {
    expect(ports.movedPortsEnv(0, os.tmpdir())).toEqual({});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-ports-'));
    const env = ports.movedPortsEnv(900, dir);
    expect(env).toMatchObject({
      SIM_SMPP_PORT: '3675',
      SIM_HTTP_PORT: '3676',
      TEMPLATING_URL: 'http://127.0.0.1:3902',
    });
    const carriers = JSON.parse(fs.readFileSync(env.DISPATCH_CARRIERS_FILE, 'utf8')) as {
      carriers: Array<{ id: string; port: number }>;
    };
    expect(carriers.carriers).toEqual([expect.objectContaining({ id: 'smsc-sim', port: 3675 })]);
  });

  it('names the variable and the ports it would give in its advice', () => {
    expect(ports.portAdvice(0)).toBe(
      'set HERALD_PORT_OFFSET to move every port of this Herald (e.g. HERALD_PORT_OFFSET=100: Kafka 19192, simulator 2875/2876, services 3101-3105)',
    );
  });
});
