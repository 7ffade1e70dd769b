import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { WebhookStatus } from '../domain/webhook-status';

export class WebhookStatusDto implements WebhookStatus {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  carrierMessageId: string;

  /** The carrier's status word: SMPP stat words (DELIVRD) or their spelled-out forms (delivered). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  status: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  errorCode?: string;

  /** When the carrier reached that status. */
  @IsISO8601({ strict: true })
  @MaxLength(32)
  timestamp: string;
}
