import { Equals, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CanonicalStates, FinalStates, MilestoneStates, type CanonicalState } from './common/enums';
import { Describe, IsCount, IsText, IsTimestamp, NestedObject } from './common/field.decorators';
import { MessageMetaDto } from './common/message-meta.dto';

const list = (states: readonly string[]): string => states.join(', ');

export class ReceiptLatencyDto {
  @Describe(
    'acceptedAt to submittedAt: the time the message spent inside Herald (rendering, compliance, a quiet-hours deferral, retries) before the carrier took it.',
  )
  @IsOptional()
  @IsCount(0)
  acceptedToSubmitted?: number;

  @Describe(
    "submittedAt to the final state: the carrier's delivery time. Only on a final receipt of a message that was submitted.",
  )
  @IsOptional()
  @IsCount(0)
  submittedToFinal?: number;
}

/**
 * sms.receipts.v1: the public, carrier-neutral receipt analysts consume. Never carries a raw number.
 * One per published transition (receipts' RECEIPTS_PUBLISH: `milestones` = submitted, deferred and the
 * final states; `all` = every transition), so `previousState` may name a state that had no receipt.
 * The message metadata (source event, template, locale, category, country, recipient token, segments,
 * encoding, acceptedAt) is the shared MessageMetaDto; the Describe texts are the field documentation
 * published in docs/schemas and docs/asyncapi.yaml.
 */
export class SmsReceiptV1 extends MessageMetaDto {
  @Describe(
    'Version of this record layout: always 1 on sms.receipts.v1 (a breaking change gets a new topic, sms.receipts.v2).',
  )
  @Equals(1)
  schemaVersion: 1;

  @Describe(
    'The message this receipt is about, also the record key: UUIDv5 of the source event (ce_source, ce_id), the template key and the recipient token, so a re-published event maps to the same message. GET /v1/messages/:id on receipts shows its timeline.',
  )
  @IsUUID()
  messageId: string;

  @Describe(
    "Dispatch's id of the carrier route the message was submitted to (e.g. smsc-a); absent until a submit or a carrier receipt names one.",
  )
  @IsOptional()
  @IsText(64)
  carrierId?: string;

  @Describe(
    `Canonical state the message reached with this transition, carrier-neutral (docs/receipts.md says when each happens). Final states: ${list(FinalStates)}. By default (RECEIPTS_PUBLISH=milestones) receipts are published for ${list(MilestoneStates)} and every final state; RECEIPTS_PUBLISH=all publishes every transition.`,
  )
  @IsIn(CanonicalStates)
  state: CanonicalState;

  @Describe(
    'State before this transition; absent on the first transition Herald recorded. It may name a state that had no receipt of its own (enroute under the default publishing).',
  )
  @IsOptional()
  @IsIn(CanonicalStates)
  previousState?: CanonicalState;

  @Describe(
    'True when state is final: the message never changes state again and this is its last receipt. Every accepted message ends in exactly one final state.',
  )
  @IsBoolean()
  isFinal: boolean;

  @Describe(
    'Carrier status as reported, kept so the mapping to state can be audited: the SMPP stat word of a delivery receipt (DELIVRD, UNDELIV, ...), the status word an HTTP carrier posted, or on failed the refusal (an SMPP command_status name such as ESME_RINVDSTADR or 0x... for a vendor code, HTTP_<status>, or a connection error code). Meanings per carrier type: docs/receipts.md.',
  )
  @IsOptional()
  @IsText(32)
  rawStatus?: string;

  @Describe(
    "Carrier error code as received, verbatim: the err: field of an SMPP delivery receipt (3 digits, network or vendor specific; 000 = no error) or the errorCode an HTTP carrier posted. Its meaning is the carrier's: docs/receipts.md lists common ones.",
  )
  @IsOptional()
  @IsText(32)
  rawErrorCode?: string;

  @Describe(
    "Herald's reason, a stable code, when Herald rather than the carrier decided: suppressed (OPTED_OUT, NO_CONSENT, FREQUENCY_CAP, ...), deferred (QUIET_HOURS), expired (TTL_EXPIRED, TOO_OLD, QUIET_HOURS_EXPIRED), failed (CARRIER_PERMANENT, UNKNOWN_TEMPLATE, ...), unknown (DLR_TIMEOUT, STATUS_TIMEOUT).",
  )
  @IsOptional()
  @IsText(64)
  reasonCode?: string;

  @Describe(
    "When the transition happened, UTC: the reporting stage's time for a Herald status, the time Herald received a carrier receipt (not the carrier's done date), the sweep's time for a timeout.",
  )
  @IsTimestamp()
  occurredAt: string;

  @Describe(
    'When the carrier accepted the submit (SMPP submit_sm_resp OK or HTTP 2xx), UTC; absent while the message was never submitted.',
  )
  @IsOptional()
  @IsTimestamp()
  submittedAt?: string;

  @Describe('Latencies in whole milliseconds (never negative), each present when both of its ends are known.')
  @IsOptional()
  @NestedObject(() => ReceiptLatencyDto)
  latencyMs?: ReceiptLatencyDto;
}
