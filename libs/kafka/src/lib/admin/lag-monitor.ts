import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { PeriodicTask } from '@herald/periodic-task';
import { KAFKA_OPTIONS, type KafkaOptions } from '../kafka-options';
import { KafkaMetrics } from '../kafka-metrics';
import { KAFKA_CLIENT } from '../nest/tokens';
import { fetchGroupLag } from './group-lag';
import { LogEndHistory } from './lag-age';

/** Polls committed vs log-end offsets, the same numbers `kafka-consumer-groups --describe` prints. */
@Injectable()
export class LagMonitor {
  private task?: PeriodicTask;
  private admin?: Admin;
  private readonly history = new Map<string, LogEndHistory>();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: KafkaMetrics,
  ) {}

  /** The first poll at once, then every KafkaOptions.lagIntervalMs (15 s). */
  start(groupId: string, topics: string[]): void {
    this.task = new PeriodicTask({
      everyMs: this.options.lagIntervalMs ?? 15000,
      run: () => this.poll(groupId, topics),
      onError: (e) => this.logger.debug({ err: e }, 'lag poll failed'),
    });
    this.task.start(0);
  }

  stop(): void {
    void this.task?.stop();
    void this.admin?.disconnect();
  }

  private async poll(groupId: string, topics: string[]): Promise<void> {
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    const now = Date.now();
    for (const p of await fetchGroupLag(this.admin, groupId, topics)) {
      const labels = { group: groupId, topic: p.topic, partition: String(p.partition) };
      const key = `${p.topic}:${p.partition}`;
      const history = this.history.get(key) ?? this.history.set(key, new LogEndHistory()).get(key)!;
      history.record(p.logEnd, now);
      this.metrics.lag.set(labels, p.lag);
      this.metrics.lagSeconds.set(labels, history.ageSeconds(p.logEnd - p.lag, p.logEnd, now));
    }
  }
}
