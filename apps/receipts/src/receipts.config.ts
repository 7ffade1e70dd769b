import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { RecipientTokenServiceConfig } from '@herald/service-kit';
import { PublishPolicies, type PublishPolicy } from './domain/publish-policy';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The receipts service's own keys; specs are parsed once more by the domain at start-up. */
export class ReceiptsConfig extends RecipientTokenServiceConfig {
  override HTTP_PORT = 3005;
  override MGMT_PORT = 9105;

  /** A non-final message with no transition for this long becomes `unknown` (AWS uses 72 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  RECEIPTS_DLR_TIMEOUT_SECONDS = 259200;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  RECEIPTS_SWEEP_INTERVAL_MS = 60000;

  /** A DLR held for a submit that never arrives goes to carrier.receipts.v1.dlq after this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  RECEIPTS_PENDING_DLR_TTL_SECONDS = 3600;

  /**
   * Days a final message (row, timeline, carrier ids) stays for GET /v1/messages and late DLRs. At
   * least the longest validity a carrier may still report on (7 days); the default matches the month
   * sms.receipts.v1 keeps for analysts. Non-final messages and unpublished receipts are never pruned.
   */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(3650)
  RECEIPTS_MESSAGE_RETENTION_DAYS = 30;

  /**
   * Receipts is off the event -> submit_sm path: its fetches wait up to this long for a batch
   * (64 KB) instead of answering on the first record, so at low rates one transaction applies many
   * statuses and DLRs (a DLR and its submit in the same fetch cost one row write). This is the most
   * a receipt waits at low rates, and also how often an idle receipts asks (the same as
   * KAFKA_FETCH_MAX_WAIT_MS's default: 250 ms cost about 0.3% of a core more when idle). 0: answer
   * on the first record (KAFKA_FETCH_MAX_WAIT_MS is then the long poll).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5000)
  RECEIPTS_FETCH_LINGER_MS = 500;

  /** Which transitions become public receipts: `milestones` (submitted, deferred, final states) or `all`. */
  @IsIn(PublishPolicies, { message: `RECEIPTS_PUBLISH must be one of ${PublishPolicies.join(', ')}` })
  RECEIPTS_PUBLISH: PublishPolicy = 'milestones';

  /** `name:key[,name:key...]` for the support endpoints; empty means every lookup is refused. */
  @IsString()
  @Matches(/^$|^[\w.-]+:[^,:\s]{16,}(,[\w.-]+:[^,:\s]{16,})*$/, {
    message: 'RECEIPTS_API_KEYS must be name:key[,name:key...] with keys of at least 16 characters',
  })
  RECEIPTS_API_KEYS = '';
}
