import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { OtpPurposes, type OtpPurpose } from './common/enums';
import { IsCount, NestedObject } from './common/field.decorators';

export const OTP_CODE_PATTERN = /^[0-9A-Za-z]{4,10}$/;

export class OtpDto {
  @IsString()
  @Matches(OTP_CODE_PATTERN, { message: '$property must be 4 to 10 letters or digits' })
  code: string;

  @IsOptional()
  @IsCount(30, 3600)
  expiresInSeconds?: number;

  @IsOptional()
  @IsIn(OtpPurposes)
  purpose?: OtpPurpose;
}

/** `data` of an auth.otp_requested CloudEvent; `otp.code` is a secret variable downstream. */
export class AuthOtpRequestedV1 {
  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => OtpDto)
  otp: OtpDto;
}
