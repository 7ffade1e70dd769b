import { Topics, type SmsStatusV1 } from '@herald/contracts';
import type { KafkaProbe } from '@herald/testing';

type Consumer = Awaited<ReturnType<KafkaProbe['consumerFrom']>>;

/**
 * Follows sms.status.v1 from its current end and keeps the statuses of one kind (e.g. dispatch's
 * `ambiguous`): how many sends dispatch itself could not settle, before receipts reconciles them.
 */
export class StatusTap {
  readonly messageIds = new Set<string>();
  private consumer?: Consumer;

  constructor(
    private readonly probe: KafkaProbe,
    private readonly status: SmsStatusV1['status'],
  ) {}

  async start(): Promise<void> {
    this.consumer = await this.probe.consumerFrom(Topics.SmsStatusV1, await this.probe.endOffsets(Topics.SmsStatusV1));
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          if (!m.value) continue;
          const s = JSON.parse(m.value.toString()) as SmsStatusV1;
          if (s.status === this.status) this.messageIds.add(s.messageId);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
