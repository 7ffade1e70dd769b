// Regenerates docs/schemas/sms.receipts.v1.schema.json from the SmsReceiptV1 contract.
// Run from the repository root after `npm run build`:
//   node -r ./tools/runtime/register.js dist/apps/receipts/src/scripts/write-receipt-schema.js [out-file]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RECEIPT_SCHEMA_PATH, receiptSchemaText } from '../schema/receipt-schema';

const out = path.resolve(process.argv[2] ?? RECEIPT_SCHEMA_PATH);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, receiptSchemaText());
process.stdout.write(`wrote ${out}\n`);
