import { IsId, IsRequiredText, IsText, IsTimestamp, NestedObject } from './common/field.decorators';
import { RecipientDto } from './common/recipient.dto';

/** carrier.inbound.v1: a mobile-originated message (STOP, HELP, a reply). */
export class CarrierInboundV1 {
  @IsId()
  inboundId: string;

  @IsRequiredText(64)
  carrierId: string;

  /** The sender of the MO, i.e. our recipient. */
  @NestedObject(() => RecipientDto)
  recipient: RecipientDto;

  /** Our short code, long number or sender id the MO was sent to. */
  @IsRequiredText(32)
  to: string;

  /** Up to 10 concatenated UCS-2 segments' worth of text. */
  @IsText(1600)
  text: string;

  @IsTimestamp()
  receivedAt: string;
}
