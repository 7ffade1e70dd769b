import { Topics, isFinalState, type SmsReceiptV1 } from '@herald/contracts';
import { KafkaProbe } from '@herald/testing';

type Consumer = ReturnType<KafkaProbe['client']['consumer']>;

/**
 * Follows sms.receipts.v1 from the start (as an analyst would) and keeps every receipt by message id,
 * so a test can wait for final states and count them.
 */
export class ReceiptWatcher {
  readonly byMessage = new Map<string, SmsReceiptV1[]>();
  readonly bySourceEvent = new Map<string, Set<string>>();
  /** Records read twice (our consumer re-read them after a broker outage): kept out of the counts. */
  reread = 0;
  private readonly seen = new Set<string>();
  private consumer?: Consumer;

  constructor(private readonly probe: KafkaProbe) {}

  /** From the topic's current end: receipts of earlier runs are not this run's business. */
  async start(): Promise<void> {
    this.consumer = await this.probe.consumerFrom(
      Topics.SmsReceiptsV1,
      await this.probe.endOffsets(Topics.SmsReceiptsV1),
    );
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          if (!m.value) continue;
          const at = `${batch.partition}:${m.offset}`;
          if (this.seen.has(at)) {
            this.reread++;
            continue;
          }
          this.seen.add(at);
          const r = JSON.parse(m.value.toString()) as SmsReceiptV1;
          (this.byMessage.get(r.messageId) ?? this.byMessage.set(r.messageId, []).get(r.messageId)!).push(r);
          (
            this.bySourceEvent.get(r.sourceEventId) ??
            this.bySourceEvent.set(r.sourceEventId, new Set()).get(r.sourceEventId)!
          ).add(r.messageId);
        }
      },
    });
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
    await this.consumer?.disconnect();
  }
}
