import { IsString, Matches } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';

/**
 * A service that turns phone numbers into recipient tokens (event-ingest, compliance, dispatch,
 * receipts). Templating never sees a number in clear, so it neither declares nor mounts the key.
 */
export class RecipientTokenServiceConfig extends BaseServiceConfig {
  /** HMAC key for recipient tokens; the same on every service, rotated only with a re-key. */
  @IsString()
  @Matches(/^.{32,}$/, { message: 'RECIPIENT_TOKEN_KEY must be at least 32 characters' })
  RECIPIENT_TOKEN_KEY: string;
}
