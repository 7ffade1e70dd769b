import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { RecipientTokenServiceConfig } from '@herald/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class ComplianceConfig extends RecipientTokenServiceConfig {
  override HTTP_PORT = 3003;
  override MGMT_PORT = 9103;

  /** The versioned rules file (JSON); a relative path is read from the working directory. */
  @IsString()
  @IsNotEmpty()
  COMPLIANCE_RULES_FILE = 'apps/compliance/rules/compliance-rules.v1.json';

  /** How often the scheduler looks for deferred messages whose quiet hours have ended. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  COMPLIANCE_SCHEDULER_INTERVAL_MS = 1000;

  /** Deferred messages released per scheduler transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  COMPLIANCE_SCHEDULER_BATCH_SIZE = 500;

  /** `name:token[,name:token...]` for the admin API; the name is recorded as the actor. Empty: the API refuses every call. */
  @IsString()
  @Matches(/^$|^[\w.@-]+:[^\s,]{16,}(,[\w.@-]+:[^\s,]{16,})*$/, {
    message: 'COMPLIANCE_ADMIN_TOKENS must be name:token[,name:token...] with tokens of at least 16 characters',
  })
  COMPLIANCE_ADMIN_TOKENS = '';
}
