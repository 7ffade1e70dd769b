import type { ReceiptInput } from '../domain/carrier-events.mapper';
import type { OutboundSms, SubmitOutcome } from '../domain/submit-outcome';

export type { OutboundSms, SubmitOutcome } from '../domain/submit-outcome';

export interface CarrierHealth {
  /** SMPP: a transceiver bind is up. HTTP: always true (stateless; the circuit tracks failures). */
  bound: boolean;
  state: string;
  inFlight: number;
}

/**
 * A delivery report in Herald's words, as a carrier plugin read it (SMPP receipt or HTTP callback):
 * the canonical state with the carrier's raw words, and other spellings of its carrier message id
 * (SMPP receipts may give it in decimal or hex).
 */
export type ReceiptEvent = Omit<ReceiptInput, 'receivedAt'> & { idAliases?: readonly string[] };

/** A mobile-originated message. */
export interface InboundEvent {
  carrierId: string;
  sourceAddr: string;
  destAddr: string;
  text: string;
}

/**
 * Where adapters hand DLRs and MOs. The returned promise settles when the event is safely on Kafka:
 * an adapter acknowledges the carrier only then, and asks for a redelivery when it rejects.
 */
export interface CarrierEventSink {
  receipt(event: ReceiptEvent): Promise<void>;
  inbound(event: InboundEvent): Promise<void>;
  /** A report that cannot be read; it is acknowledged (a redelivery would not read better). */
  unreadable(carrierId: string, kind: 'receipt' | 'inbound', detail: string): void;
}

/**
 * One carrier connection. `submit` never throws for a carrier-side problem: every failure is one
 * of the outcome kinds, and `ambiguous` means the carrier may have the message, so it must not be
 * resent.
 */
export interface CarrierAdapter {
  readonly id: string;
  /** What one window slot holds: one SMPP part, or one HTTP request whatever its parts. */
  readonly windowUnit: 'part' | 'request';
  start(sink: CarrierEventSink): void;
  submit(message: OutboundSms): Promise<SubmitOutcome>;
  health(): CarrierHealth;
  stop(): Promise<void>;
}
