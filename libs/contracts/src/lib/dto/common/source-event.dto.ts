import { IsId, IsRequiredText, IsTimestamp } from './field.decorators';

/** The CloudEvent that caused a notification, kept for correlation and dedupe. */
export class SourceEventDto {
  @IsId()
  id: string;

  @IsRequiredText(128)
  type: string;

  @IsRequiredText(256)
  source: string;

  @IsTimestamp()
  time: string;
}
