// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConsoleLog } = require('./console-log.js') as {
  createConsoleLog(options?: { level?: string }): {
    format(name: string, line: string): string | null;
    markReady(): void;
    hiddenStartupLines(): string[];
  };
};

// Lines as the services wrote them in an `npm start` on a cold broker (issue 22).
const line = (rec: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', time: '2026-12-04T23:56:40.196Z', ...rec });
const dlq = line({
  level: 'warn',
  service: 'templating',
  errorCode: 'VARIABLE_INVALID',
  topic: 'sms.requested.v1',
  partition: 0,
  offset: '4',
  traceId: '84541eb1a9d596807c29997135a47f18',
  reason: 'order.shipped/fr v1: variable shipment.trackingUrl has 66 characters, more than its maxLength 60',
  msg: 'record sent to DLQ',
});
const coordinator = line({
  level: 'error',
  service: 'templating',
  kafka: {
    logger: 'kafkajs',
    broker: '127.0.0.1:19992',
    clientId: 'templating',
    error: 'The group coordinator is not available',
    correlationId: 2,
    size: 55,
  },
  msg: 'kafkajs: Response GroupCoordinator(key: 10, version: 2)',
});
const autovacuum = (service: string) =>
  line({
    level: 'warn',
    service,
    autovacuum: 'off',
    msg: "PostgreSQL runs with autovacuum off: Herald's churning tables will bloat and slow down",
  });

describe('console view of npm start', () => {
  it('prints a dead letter on one line with its reason, code, topic, partition and offset', () => {
    const out = createConsoleLog().format('templating', dlq);
    expect(out).toBe(
      '[templating] warn: record sent to DLQ errorCode=VARIABLE_INVALID reason="order.shipped/fr v1: variable shipment.trackingUrl has 66 characters, more than its maxLength 60" topic=sms.requested.v1 partition=0 offset=4',
    );
  });

  it('flattens an error object and keeps the fields of an info line', () => {
    const log = createConsoleLog();
    log.markReady();
    expect(
      log.format(
        'receipts',
        line({
          level: 'error',
          err: { type: 'Error', message: 'connection refused', code: 'ECONNREFUSED' },
          attempt: 3,
          msg: 'consumer restart failed, retrying',
        }),
      ),
    ).toBe(
      '[receipts] error: consumer restart failed, retrying code=ECONNREFUSED error="connection refused" attempt=3',
    );
    expect(log.format('dispatch', line({ carrier: 'smsc-sim', state: 'bound', msg: 'smpp carrier state' }))).toBe(
      '[dispatch] info: smpp carrier state carrier=smsc-sim state=bound',
    );
  });

  it("hides NestJS route and module lines, the simulator ready line and the services' own ready lines", () => {
    const log = createConsoleLog();
    expect(
      log.format('receipts', line({ context: 'RouterExplorer', msg: 'Mapped {/v1/messages/:id, GET} route' })),
    ).toBeNull();
    expect(
      log.format('receipts', line({ context: 'InstanceLoader', msg: 'KafkaModule dependencies initialized' })),
    ).toBeNull();
    expect(
      log.format('smsc-simulator', JSON.stringify({ event: 'smsc-simulator.ready', smppPort: 2775, httpPort: 2776 })),
    ).toBeNull();
    expect(
      log.format(
        'dispatch',
        line({ port: 3004, event: 'service.ready', msg: 'dispatch ready on http://127.0.0.1:3004' }),
      ),
    ).toBeNull();
  });

  it('shows NestJS lines when the console level is debug', () => {
    expect(
      createConsoleLog({ level: 'debug' }).format(
        'receipts',
        line({ context: 'RoutesResolver', msg: 'MessagesController {/v1/messages}' }),
      ),
    ).toBe('[receipts] info: MessagesController {/v1/messages}');
  });

  it("keeps a cold broker's retried kafkajs errors off the console until ready, and can show them if start-up fails", () => {
    const log = createConsoleLog();
    expect(log.format('templating', coordinator)).toBeNull();
    expect(
      log.format(
        'templating',
        line({
          level: 'error',
          err: { message: 'The coordinator is loading' },
          restart: true,
          msg: 'consumer crashed',
        }),
      ),
    ).toBeNull();
    expect(log.hiddenStartupLines()).toEqual([
      '[templating] error: kafkajs: Response GroupCoordinator(key: 10, version: 2) error="The group coordinator is not available" broker=127.0.0.1:19992',
      '[templating] error: consumer crashed error="The coordinator is loading" restart=true',
    ]);
    log.markReady();
    expect(log.format('templating', coordinator)).toContain('error="The group coordinator is not available"');
  });

  it('prints a warning the five services share once before ready, every time after', () => {
    const log = createConsoleLog();
    const printed = ['compliance', 'templating', 'event-ingest', 'dispatch', 'receipts']
      .map((s) => log.format(s, autovacuum(s)))
      .filter(Boolean);
    expect(printed).toEqual([
      "[compliance] warn: PostgreSQL runs with autovacuum off: Herald's churning tables will bloat and slow down autovacuum=off",
    ]);
    log.markReady();
    expect(log.format('dispatch', autovacuum('dispatch'))).not.toBeNull();
    expect(log.format('dispatch', dlq)).not.toBeNull();
  });

  it('passes plain text through and drops debug records at the default level', () => {
    const log = createConsoleLog();
    expect(log.format('dispatch', 'dispatch failed to start: DATABASE_URL is not a valid URL')).toBe(
      '[dispatch] dispatch failed to start: DATABASE_URL is not a valid URL',
    );
    expect(log.format('dispatch', line({ level: 'debug', msg: 'batch' }))).toBeNull();
  });
});
