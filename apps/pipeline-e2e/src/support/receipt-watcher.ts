import { Topics, isFinalState, type SmsReceiptV1 } from '@herald/contracts';
import { KafkaProbe, TopicFollower } from '@herald/testing';

/**
 * Follows sms.receipts.v1 from the start (as an analyst would) and keeps every receipt by message id,
 * so a test can wait for final states and count them.
 */
export class ReceiptWatcher {
  readonly byMessage = new Map<string, SmsReceiptV1[]>();
  readonly bySourceEvent = new Map<string, Set<string>>();
  private follower?: TopicFollower;

  constructor(private readonly probe: KafkaProbe) {}

  /** From the topic's current end: receipts of earlier runs are not this run's business. */
  async start(): Promise<void> {
    this.follower = new TopicFollower(this.probe.client, [Topics.SmsReceiptsV1], (_topic, _partition, m) => {
      if (!m.value) return;
      const r = JSON.parse(m.value.toString()) as SmsReceiptV1;
      (this.byMessage.get(r.messageId) ?? this.byMessage.set(r.messageId, []).get(r.messageId)!).push(r);
      (
        this.bySourceEvent.get(r.sourceEventId) ??
        this.bySourceEvent.set(r.sourceEventId, new Set()).get(r.sourceEventId)!
      ).add(r.messageId);
    });
    await this.follower.start();
  }

  /** Records read twice (our consumer re-read them after a broker outage): kept out of the counts. */
  get reread(): number {
    return this.follower?.rereads ?? 0;
  }

  /** Times our consumer had to be started again after a crash (a broker outage). */
  get restarts(): number {
    return this.follower?.restarts ?? 0;
  }

  finals(messageId: string): SmsReceiptV1[] {
    return (this.byMessage.get(messageId) ?? []).filter((r) => r.isFinal && isFinalState(r.state));
  }

  messagesOf(sourceEventId: string): string[] {
    return [...(this.bySourceEvent.get(sourceEventId) ?? [])];
  }

  /** Source events (by id) that have at least one message with a final receipt. */
  finalizedEvents(eventIds: Iterable<string>): Set<string> {
    const done = new Set<string>();
    for (const id of eventIds) if (this.messagesOf(id).some((m) => this.finals(m).length > 0)) done.add(id);
    return done;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }
}
