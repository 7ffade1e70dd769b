import { recipientTokenFor, Topics, type SmsReceiptV1 } from '@herald/contracts';
import type { createKafkaClient } from '@herald/kafka';
import { normalizePhone } from '@herald/phone';
import { boolFlag, expectFlags, intFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';
import type { HeraldCliConfig } from './cli-config';
import { follow } from './topic-reader';

type Kafka = ReturnType<typeof createKafkaClient>;

export interface ReceiptFilter {
  messageId?: string;
  recipientToken?: string;
}

/** `--message <id>` and/or `--recipient <phone>`; the phone becomes its recipient token, never sent anywhere. */
export function receiptFilter(args: ParsedArgs, config: HeraldCliConfig): ReceiptFilter {
  const phone = stringFlag(args, 'recipient');
  const filter: ReceiptFilter = { messageId: stringFlag(args, 'message') };
  if (phone !== undefined) {
    if (!config.RECIPIENT_TOKEN_KEY) throw new UsageError('--recipient needs RECIPIENT_TOKEN_KEY (the services\' HMAC key) to compute the recipient token');
    const normalized = normalizePhone(phone);
    if (!normalized.ok) throw new UsageError(`--recipient: not a phone number (${normalized.reason}); use E.164 like +33612345678`);
    filter.recipientToken = recipientTokenFor(config.RECIPIENT_TOKEN_KEY, normalized.e164);
  }
  return filter;
}

export const matchesReceipt = (r: SmsReceiptV1, f: ReceiptFilter): boolean =>
  (!f.messageId || r.messageId === f.messageId) && (!f.recipientToken || r.recipientToken === f.recipientToken);

export function formatReceipt(r: SmsReceiptV1): string {
  const reason = r.reasonCode ? ` reason=${r.reasonCode}` : '';
  const raw = r.rawStatus ? ` raw=${r.rawStatus}${r.rawErrorCode ? `/${r.rawErrorCode}` : ''}` : '';
  return `${r.occurredAt}\t${r.state}${r.isFinal ? ' (final)' : ''}\t${r.messageId}\t${r.templateKey}/${r.locale}\t${r.country}${reason}${raw}`;
}

/** Prints matching receipts as they arrive; stops after --limit matches or --timeout seconds. */
export async function tailReceipts(kafka: Kafka, args: ParsedArgs, config: HeraldCliConfig, out: (line: string) => void): Promise<number> {
  expectFlags(args, ['message', 'recipient', 'from-beginning', 'limit', 'timeout', 'json']);
  if (args.positionals[1] !== 'receipts') throw new UsageError('usage: herald tail receipts [--message <id>] [--recipient <phone>]');
  const filter = receiptFilter(args, config);
  const limit = intFlag(args, 'limit', 0);
  const timeoutS = intFlag(args, 'timeout', 0);
  const json = boolFlag(args, 'json');
  let seen = 0;
  const stop = new Promise<void>((resolve) => {
    if (timeoutS > 0) setTimeout(resolve, timeoutS * 1000).unref();
    process.once('SIGINT', () => resolve());
  });
  await follow(kafka, Topics.SmsReceiptsV1, boolFlag(args, 'from-beginning') || Boolean(filter.messageId), (rec) => {
    let receipt: SmsReceiptV1;
    try {
      receipt = JSON.parse(rec.value?.toString('utf8') ?? 'null') as SmsReceiptV1;
    } catch {
      return;
    }
    if (!receipt || !matchesReceipt(receipt, filter)) return;
    out(json ? JSON.stringify(receipt) : formatReceipt(receipt));
    seen++;
    return limit === 0 || seen < limit;
  }, stop);
  return seen;
}
