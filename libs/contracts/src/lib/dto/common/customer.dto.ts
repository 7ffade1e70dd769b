import { IsOptional } from 'class-validator';
import { IsCountryCode, IsId, IsLocale, IsRequiredText, IsText } from './field.decorators';

/** The person to notify, as producers send it in `data.customer`; the phone is normalized downstream. */
export class CustomerDto {
  @IsOptional()
  @IsId()
  id?: string;

  @IsOptional()
  @IsText(100)
  firstName?: string;

  @IsOptional()
  @IsText(100)
  lastName?: string;

  @IsRequiredText(32)
  phone: string;

  @IsOptional()
  @IsLocale()
  locale?: string;

  @IsOptional()
  @IsText(64)
  timezone?: string;

  @IsOptional()
  @IsCountryCode()
  country?: string;
}
