import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { LagMonitor } from '../admin/lag-monitor';
import { ConsumerRunner } from '../consume/consumer-runner';
import { createKafkaClient } from '../kafka-client.factory';
import { KafkaMetrics } from '../kafka-metrics';
import { KAFKA_OPTIONS, type KafkaOptions } from '../kafka-options';
import { Publisher } from '../publish/publisher';
import { HandlerExplorer } from './handler-explorer';
import { KAFKA_CLIENT } from './tokens';

@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          useFactory: (logger: HeraldLogger) => createKafkaClient(options, logger),
          inject: [HERALD_LOGGER],
        },
        KafkaMetrics,
        Publisher,
        HandlerExplorer,
        LagMonitor,
        ConsumerRunner,
      ],
      exports: [Publisher, KAFKA_OPTIONS, KAFKA_CLIENT, ConsumerRunner],
    };
  }
}
