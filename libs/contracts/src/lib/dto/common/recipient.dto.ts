import { IsCountryCode, IsRecipientToken, IsRequiredText } from './field.decorators';

/** A recipient without the raw number: the HMAC token for lookups, the number only as ciphertext. */
export class RecipientDto {
  @IsRecipientToken()
  token: string;

  /** base64url ciphertext of the E.164 number, produced and opened by @herald/pii. */
  @IsRequiredText(512)
  phoneEnc: string;

  @IsCountryCode()
  country: string;
}
