import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** GDPR Art. 6(1) lawful bases. */
export const LegalBases = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
const PURPOSE = /^[a-z0-9_.-]{1,64}$/;

/** A recipient is named by exactly one of: the phone number (E.164) or its recipient token. */
export class RecipientRef {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  token?: string;
}

export class OptOutChangeRequest extends RecipientRef {
  /** A brand, or '*' for every brand. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  brand: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ConsentGrantRequest extends RecipientRef {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  brand: string;

  @IsString()
  @Matches(PURPOSE, { message: 'purpose must match [a-z0-9_.-]{1,64}, e.g. marketing' })
  purpose: string;

  @IsIn(LegalBases)
  legalBasis: string;

  /** Where the consent was collected, e.g. checkout-form or double-opt-in-email. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  source: string;

  /** When the recipient gave it; defaults to now. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'grantedAt must be an ISO 8601 timestamp' })
  grantedAt?: string;
}

export class ConsentRevokeRequest extends RecipientRef {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  brand: string;

  @IsOptional()
  @IsString()
  @Matches(PURPOSE, { message: 'purpose must match [a-z0-9_.-]{1,64}' })
  purpose?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
