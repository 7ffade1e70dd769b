import type { HeraldError, PayloadOf, TopicName } from '@herald/contracts';
import type { OutboundRecord, PublishOptions } from '../publish/outbound-record';
import type { ConsumedMessage } from './consumed-message';

type Build = <T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions, now: Date) => OutboundRecord;

/**
 * What a handler may do with a batch: publish outputs (sent together, acked before the offsets are
 * committed) and fail individual records (sent to the DLQ, the rest of the batch goes on).
 */
export class BatchContext {
  readonly outputs: OutboundRecord[] = [];
  readonly failures = new Map<ConsumedMessage<unknown>, HeraldError>();
  /** One timestamp for all outputs of a batch: they are produced together. */
  private readonly now = new Date();

  constructor(
    private readonly build: Build,
    readonly heartbeat: () => Promise<void>,
  ) {}

  publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions): void {
    this.outputs.push(this.build(topic, payload, opts, this.now));
  }

  fail(message: ConsumedMessage<unknown>, error: HeraldError): void {
    this.failures.set(message, error);
  }
}

export type TopicHandlerFn<T> = (messages: ConsumedMessage<T>[], ctx: BatchContext) => Promise<void>;
