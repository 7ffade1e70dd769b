import { Module, type INestApplication, type Provider } from '@nestjs/common';
import { BaseServiceConfig, createServiceApp, kafkaOptionsFromConfig, loadConfig } from '@herald/service-kit';
import { testEnv } from '@herald/testing';
import { KafkaModule } from '../lib/nest/kafka.module';
import type { KafkaOptions } from '../lib/kafka-options';

/**
 * A service for libs/kafka's int specs: its handlers (`providers`) on the real broker, with the
 * test environment's config and `extra` Kafka options, as a Herald service would run them.
 */
export async function startKafkaTestApp(
  service: string,
  providers: Provider[],
  extra: Partial<KafkaOptions> = {},
): Promise<INestApplication> {
  @Module({ providers })
  class TestModule {}
  return createServiceApp(
    {
      service,
      config: BaseServiceConfig,
      module: (c) => ({
        module: TestModule,
        imports: [KafkaModule.forRoot(kafkaOptionsFromConfig(service, c, extra))],
      }),
    },
    loadConfig(BaseServiceConfig, testEnv()),
  );
}
