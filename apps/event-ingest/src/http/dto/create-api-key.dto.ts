import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { BRAND_ID_PATTERN } from '@herald/contracts';
import { API_KEY_NAME_PATTERN, ApiScopes, type ApiScope } from '../../domain/api-key';

/** Body of POST /v1/admin/api-keys. */
export class CreateApiKeyDto {
  @IsString()
  @Matches(API_KEY_NAME_PATTERN, { message: '$property must be 1 to 64 letters, digits, dots, dashes or underscores' })
  name: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ApiScopes, { each: true })
  scopes: ApiScope[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerSecond?: number;

  /** Brand ids of the brands file the key may send for, or `*` for all; absent: the default brand only. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(new RegExp(`^\\*$|${BRAND_ID_PATTERN.source}`), {
    each: true,
    message: 'each of $property must be a brand id or *',
  })
  brands?: string[];
}
