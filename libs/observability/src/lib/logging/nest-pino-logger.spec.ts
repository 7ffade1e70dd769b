import pino from 'pino';
import { Writable } from 'node:stream';
import { NestPinoLogger } from './nest-pino-logger';

function capture(level: string): {
  nest: NestPinoLogger;
  records: Array<{ level: number; context?: string; msg: string }>;
} {
  const records: Array<{ level: number; context?: string; msg: string }> = [];
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => (records.push(JSON.parse(chunk.toString())), done()),
  });
  return { nest: new NestPinoLogger(pino({ level }, sink)), records };
}

describe('NestPinoLogger', () => {
  it('logs Nest start-up narration (modules, routes, application start) at debug', () => {
    const { nest, records } = capture('info');
    nest.log('KafkaModule dependencies initialized', 'InstanceLoader');
    nest.log('Mapped {/v1/messages/:id, GET} route', 'RouterExplorer');
    nest.log('MessagesController {/v1/messages}:', 'RoutesResolver');
    nest.log('Starting Nest application...', 'NestFactory');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(records).toEqual([]);
  });

  it('keeps the start-up lines at debug level and other contexts at info', () => {
    const { nest, records } = capture('debug');
    nest.log('Mapped {/v1/messages/:id, GET} route', 'RouterExplorer');
    nest.log('templates reloaded', 'TemplateCache');
    nest.warn('deprecated option', 'ConfigModule');
    expect(records.map((r) => [r.level, r.context, r.msg])).toEqual([
      [20, 'RouterExplorer', 'Mapped {/v1/messages/:id, GET} route'],
      [30, 'TemplateCache', 'templates reloaded'],
      [40, 'ConfigModule', 'deprecated option'],
    ]);
  });
});
