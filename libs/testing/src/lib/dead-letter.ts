import { openDeadLetter } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import type { ProbeRecord } from './kafka-probe';
import { TEST_PII_KEYS } from './test-env';

const cipher = PiiCipher.fromSpec(TEST_PII_KEYS);

/** A dead letter's original value, decrypted with the test PII keys exactly as `herald dlq replay` does. */
export function deadLetterValue(record: Pick<ProbeRecord, 'bytes' | 'headers'>): string | null {
  if (record.bytes === undefined) throw new Error('a dead letter must be read with its bytes (ProbeRecord.bytes)');
  return openDeadLetter(record.bytes, record.headers, cipher)?.toString('utf8') ?? null;
}
