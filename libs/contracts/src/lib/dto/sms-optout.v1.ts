import { IsIn, IsOptional } from 'class-validator';
import { OptActions, OptSources, type OptAction, type OptSource } from './common/enums';
import { IsRecipientToken, IsRequiredText, IsText, IsTimestamp } from './common/field.decorators';

/** sms.optouts.v1 (compacted, keyed by recipient token): the latest opt state of a recipient for a brand. */
export class SmsOptoutV1 {
  @IsRecipientToken()
  recipientToken: string;

  @IsRequiredText(64)
  brand: string;

  @IsIn(OptActions)
  action: OptAction;

  /** The keyword as received after normalization, e.g. STOP or ARRET. */
  @IsOptional()
  @IsText(32)
  keyword?: string;

  @IsIn(OptSources)
  source: OptSource;

  /** Who made an API or import change (user id, job name); absent for SMS. */
  @IsOptional()
  @IsText(128)
  actor?: string;

  @IsTimestamp()
  at: string;
}
