import { jsonSchemaFor, Topics } from '@herald/contracts';

/** Where the published schema lives, relative to the repository root. */
export const RECEIPT_SCHEMA_PATH = 'docs/schemas/sms.receipts.v1.schema.json';

/** The committed file's exact text (tools/deploy-checks/generate-asyncapi.ts writes it): the SmsReceiptV1 contract, 2-space JSON, trailing newline. */
export function receiptSchemaText(): string {
  return `${JSON.stringify(jsonSchemaFor(Topics.SmsReceiptsV1), null, 2)}\n`;
}
