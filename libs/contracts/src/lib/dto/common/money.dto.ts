import { IsString, Matches } from 'class-validator';

export const DECIMAL_AMOUNT_PATTERN = /^-?\d{1,12}(\.\d{1,4})?$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Amounts travel as decimal strings ("49.90") so no producer loses cents to floating point. */
export class MoneyDto {
  @IsString()
  @Matches(DECIMAL_AMOUNT_PATTERN, { message: '$property must be a decimal string like "49.90"' })
  amount: string;

  @IsString()
  @Matches(CURRENCY_PATTERN, { message: '$property must be an ISO 4217 code like EUR' })
  currency: string;
}
