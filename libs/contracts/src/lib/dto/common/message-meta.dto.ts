import { IsIn, IsOptional } from 'class-validator';
import { MessageCategories, SmsEncodings, type MessageCategory, type SmsEncoding } from './enums';
import {
  Describe,
  IsCount,
  IsCountryCode,
  IsId,
  IsLocale,
  IsRecipientToken,
  IsRequiredText,
  IsTemplateKey,
  IsTimestamp,
} from './field.decorators';

const list = (values: readonly string[]): string => values.join(', ');

/**
 * What every stage knows about a message and receipts publishes: the `meta` of sms.status.v1 and the
 * base of the public sms.receipts.v1. No personal data. A new field is declared here once; the Describe
 * texts are the field documentation published in docs/schemas and docs/asyncapi.yaml.
 */
export class MessageMetaDto {
  @Describe(
    "Id of what caused the message: the domain event's ce_id, the transactionId (or a generated UUID) of POST /v1/notifications, or the inbound SMS id for a STOP/START/HELP reply.",
  )
  @IsId()
  sourceEventId: string;

  @Describe(
    'Type of what caused the message: the domain event type (order.placed, auth.otp_requested, ...), notification.requested for POST /v1/notifications, carrier.inbound for a STOP/START/HELP reply.',
  )
  @IsRequiredText(128)
  sourceEventType: string;

  @Describe('Template the body was rendered from (system.* for the STOP/START/HELP replies Herald sends itself).')
  @IsTemplateKey()
  templateKey: string;

  @Describe(
    'BCP 47 locale of the recipient (fr-FR), as requested; the template used may be one of its fallbacks (fr, then the default locale).',
  )
  @IsLocale()
  locale: string;

  @Describe(`Compliance category, which decides consent, quiet hours and frequency caps: ${list(MessageCategories)}.`)
  @IsIn(MessageCategories)
  category: MessageCategory;

  @Describe("ISO 3166-1 alpha-2 country of the recipient's number (from its E.164 country code).")
  @IsCountryCode()
  country: string;

  @Describe(
    "HMAC-SHA256 of the recipient's E.164 number under the server's RECIPIENT_TOKEN_KEY, lowercase hex: stable per recipient, so receipts group by recipient without ever carrying a phone number.",
  )
  @IsRecipientToken()
  recipientToken: string;

  @Describe(
    'Number of SMS parts the body needs (a concatenated SMS has several; carriers bill per part); known once rendered.',
  )
  @IsOptional()
  @IsCount(1)
  segments?: number;

  @Describe(
    'Body encoding: GSM7 (160 characters in one part, 153 per part when split) or UCS2 (70, 67 per part); known once rendered.',
  )
  @IsOptional()
  @IsIn(SmsEncodings)
  encoding?: SmsEncoding;

  @Describe('When Herald accepted the request (event-ingest), UTC; latencies start here.')
  @IsOptional()
  @IsTimestamp()
  acceptedAt?: string;
}

/** Every field of MessageMetaDto; the compiler refuses a field declared above and missing here. */
export const MESSAGE_META_FIELDS = [
  'sourceEventId',
  'sourceEventType',
  'templateKey',
  'locale',
  'category',
  'country',
  'recipientToken',
  'segments',
  'encoding',
  'acceptedAt',
] as const satisfies readonly (keyof MessageMetaDto)[];
type Unlisted = Exclude<keyof MessageMetaDto, (typeof MESSAGE_META_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : never = true;
void everyFieldListed;
