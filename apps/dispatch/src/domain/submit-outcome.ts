import type { SmsEncoding } from '@herald/contracts';

/** One SMS ready for a carrier: decrypted, split into the parts that go on the air. */
export interface OutboundSms {
  messageId: string;
  /** Short, reversible form of the message id sent as user_message_reference / HTTP reference. */
  reference: string;
  /** E.164 destination. */
  destination: string;
  source: string;
  /** Text of each part, in order; one element for a single SMS. */
  parts: string[];
  encoding: SmsEncoding;
  /** Epoch ms after which the message must not be sent. */
  expiresAt: number;
  country: string;
  entityId?: string;
  registeredTemplateId?: string;
  /** Parts this carrier already accepted on an earlier attempt (index -> carrier message id): not resent. */
  acceptedParts?: ReadonlyMap<number, string>;
}

/** What a carrier made of one submit; every adapter answers in these five words. */
export type SubmitOutcome =
  | { kind: 'submitted'; carrierMessageIds: string[]; segments: number }
  | { kind: 'throttled'; rawStatus: string; retryAfterMs?: number; acceptedParts: ReadonlyMap<number, string> }
  | { kind: 'transient'; rawStatus: string; reason: string; acceptedParts: ReadonlyMap<number, string> }
  | { kind: 'permanent'; rawStatus: string; reason: string }
  | { kind: 'ambiguous'; rawStatus: string; reason: string; acceptedParts: ReadonlyMap<number, string> };

export type SubmitOutcomeKind = SubmitOutcome['kind'];

export const NO_PARTS: ReadonlyMap<number, string> = new Map();
