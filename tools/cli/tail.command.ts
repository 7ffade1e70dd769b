import { isFinalState, isUuid, recipientTokenFor, Topics, type SmsReceiptV1 } from '@herald/contracts';
import { follow, type createKafkaClient } from '@herald/kafka';
import { normalizePhone } from '@herald/phone';
import { boolFlag, expectFlags, intFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';
import type { HeraldCliConfig } from './cli-config';

type Kafka = ReturnType<typeof createKafkaClient>;

export interface ReceiptFilter {
  messageIds?: ReadonlySet<string>;
  recipientToken?: string;
}

/** `--message id[,id...]` (commas or whitespace, so `$(herald publish ... --ids-only)` fits), lower-cased. */
export function messageIdsOf(args: ParsedArgs): Set<string> | undefined {
  const given = stringFlag(args, 'message');
  if (given === undefined) return undefined;
  const ids = given
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => id.toLowerCase());
  const bad = ids.filter((id) => !isUuid(id));
  if (ids.length === 0 || bad.length > 0)
    throw new UsageError(`--message takes message ids (UUIDs), got "${bad.join(', ') || given}"`);
  return new Set(ids);
}

/** `--message <id>` and/or `--recipient <phone>`; the phone becomes its recipient token, never sent anywhere. */
export function receiptFilter(args: ParsedArgs, config: HeraldCliConfig): ReceiptFilter {
  const phone = stringFlag(args, 'recipient');
  const filter: ReceiptFilter = { messageIds: messageIdsOf(args) };
  if (phone !== undefined) {
    if (!config.RECIPIENT_TOKEN_KEY)
      throw new UsageError(
        "--recipient needs RECIPIENT_TOKEN_KEY (the services' HMAC key) to compute the recipient token",
      );
    const normalized = normalizePhone(phone);
    if (!normalized.ok)
      throw new UsageError(`--recipient: not a phone number (${normalized.reason}); use E.164 like +33612345678`);
    filter.recipientToken = recipientTokenFor(config.RECIPIENT_TOKEN_KEY, normalized.e164);
  }
  return filter;
}

export const matchesReceipt = (r: SmsReceiptV1, f: ReceiptFilter): boolean =>
  (!f.messageIds || f.messageIds.has(r.messageId)) && (!f.recipientToken || r.recipientToken === f.recipientToken);

export function formatReceipt(r: SmsReceiptV1): string {
  const reason = r.reasonCode ? ` reason=${r.reasonCode}` : '';
  const raw = r.rawStatus ? ` raw=${r.rawStatus}${r.rawErrorCode ? `/${r.rawErrorCode}` : ''}` : '';
  return `${r.occurredAt}\t${r.state}${r.isFinal ? ' (final)' : ''}\t${r.messageId}\t${r.templateKey}/${r.locale}\t${r.country}${reason}${raw}`;
}

export interface TailResult {
  seen: number;
  /** With --message: the ids whose final state was not seen (empty = every one ended). */
  notFinal: string[];
}

/**
 * Prints matching receipts as they arrive; stops after --limit matches or --timeout seconds, or,
 * with --message, once every named message has reached a final state (libs/contracts FinalStates).
 */
export async function tailReceipts(
  kafka: Kafka,
  args: ParsedArgs,
  config: HeraldCliConfig,
  out: (line: string) => void,
): Promise<TailResult> {
  expectFlags(args, ['message', 'recipient', 'from-beginning', 'limit', 'timeout', 'json']);
  if (args.positionals[1] !== 'receipts')
    throw new UsageError('usage: herald tail receipts [--message <id>[,<id>...]] [--recipient <phone>]');
  const filter = receiptFilter(args, config);
  const limit = intFlag(args, 'limit', 0);
  const timeoutS = intFlag(args, 'timeout', 0);
  const json = boolFlag(args, 'json');
  const waiting = new Set(filter.messageIds ?? []);
  let seen = 0;
  const stop = new Promise<void>((resolve) => {
    if (timeoutS > 0) setTimeout(resolve, timeoutS * 1000).unref();
    process.once('SIGINT', () => resolve());
  });
  await follow(
    kafka,
    Topics.SmsReceiptsV1,
    boolFlag(args, 'from-beginning') || Boolean(filter.messageIds),
    (rec) => {
      let receipt: SmsReceiptV1;
      try {
        receipt = JSON.parse(rec.value?.toString('utf8') ?? 'null') as SmsReceiptV1;
      } catch {
        return;
      }
      if (!receipt || !matchesReceipt(receipt, filter)) return;
      out(json ? JSON.stringify(receipt) : formatReceipt(receipt));
      seen++;
      if (isFinalState(receipt.state)) waiting.delete(receipt.messageId);
      if (filter.messageIds && waiting.size === 0) return false;
      return limit === 0 || seen < limit;
    },
    stop,
  );
  return { seen, notFinal: [...waiting] };
}
