import { Topics, type SmsStatusV1 } from '@herald/contracts';
import { TopicFollower, type KafkaProbe } from '@herald/testing';

/**
 * Follows sms.status.v1 from its current end and keeps the statuses of one kind (e.g. dispatch's
 * `ambiguous`): how many sends dispatch itself could not settle, before receipts reconciles them.
 */
export class StatusTap {
  readonly messageIds = new Set<string>();
  private follower?: TopicFollower;

  constructor(
    private readonly probe: KafkaProbe,
    private readonly status: SmsStatusV1['status'],
  ) {}

  async start(): Promise<void> {
    this.follower = new TopicFollower(this.probe.client, [Topics.SmsStatusV1], (_topic, _partition, m) => {
      if (!m.value) return;
      const s = JSON.parse(m.value.toString()) as SmsStatusV1;
      if (s.status === this.status) this.messageIds.add(s.messageId);
    });
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }
}
