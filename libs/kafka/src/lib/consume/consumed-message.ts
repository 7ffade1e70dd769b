import type { EnvelopeAttributes, RecordHeaders } from '@herald/contracts';

/** A record that decoded and passed its topic's contract: what a handler receives. */
export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: RecordHeaders;
  attributes: EnvelopeAttributes;
  payload: T;
  /** Broker timestamp of the record (ms). */
  timestamp: number;
}

/** The original record as it came off the wire, kept for the DLQ. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
  timestamp: string;
}
