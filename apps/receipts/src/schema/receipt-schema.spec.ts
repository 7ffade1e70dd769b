import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RECEIPT_SCHEMA_PATH, receiptSchemaText } from './receipt-schema';
import { buildReceipt } from '../domain/receipt.builder';

const root = path.resolve(__dirname, '../../../..');

describe('published sms.receipts.v1 JSON Schema', () => {
  const committed = readFileSync(path.join(root, RECEIPT_SCHEMA_PATH), 'utf8');

  it('matches the schema generated from the contract (run tools/deploy-checks/generate-asyncapi.ts after a contract change)', () => {
    expect(committed).toBe(receiptSchemaText());
  });

  it('accepts what the receipt builder produces and rejects a raw number field', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(committed));
    const receipt = buildReceipt(
      {
        messageId: '6f1c2a52-8d0e-5d2b-9a51-0c4f3b7e2a10',
        state: 'delivered',
        meta: {
          sourceEventId: 'ev-1',
          sourceEventType: 'order.placed',
          templateKey: 'order_placed',
          locale: 'fr-FR',
          category: 'transactional',
          country: 'FR',
          recipientToken: 'a'.repeat(64),
          segments: 1,
          encoding: 'GSM7',
        },
        carrierId: 'smsc-a',
        acceptedAt: '2025-03-01T10:00:00.000Z',
        submittedAt: '2025-03-01T10:00:01.000Z',
        finalAt: '2025-03-01T10:00:05.000Z',
        stateAt: '2025-03-01T10:00:05.000Z',
      },
      'submitted',
      { occurredAt: '2025-03-01T10:00:05.000Z', rawStatus: 'DELIVRD', rawErrorCode: '000' },
    );
    expect(validate(receipt)).toBe(true);
    expect(validate({ ...receipt, state: 'sent' })).toBe(false);
    expect(validate({ ...receipt, recipientToken: '+33612345678' })).toBe(false);
  });
});
