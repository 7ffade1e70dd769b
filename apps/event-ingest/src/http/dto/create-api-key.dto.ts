import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { API_KEY_NAME_PATTERN, ApiScopes, type ApiScope } from '../../domain/api-key';

/** Body of POST /v1/admin/api-keys. */
export class CreateApiKeyDto {
  @IsString()
  @Matches(API_KEY_NAME_PATTERN, { message: '$property must be 1 to 64 letters, digits, dots, dashes or underscores' })
  name: string;

  @IsArray() @ArrayMinSize(1) @IsIn(ApiScopes, { each: true })
  scopes: ApiScope[];

  @IsOptional() @IsInt() @Min(1) @Max(100000)
  rateLimitPerSecond?: number;
}
