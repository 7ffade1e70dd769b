import { Inject, Injectable } from '@nestjs/common';
import { recipientTokenFor } from '@herald/contracts';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { ApiError, SERVICE_CONFIG } from '@herald/service-kit';
import { resolveRecipient } from '../../domain/recipient.resolver';
import type { EventIngestConfig } from '../../event-ingest.config';
import { ComplianceConsentsClient } from '../adapters/compliance-consents.client';
import type { ConsentChange } from '../domain/mapped-event';
import type { WebhookSource } from '../domain/source-registry';

/** The compliance purpose promotional messages need (apps/compliance/rules: promotional -> marketing). */
export const MARKETING_PURPOSE = 'marketing';

export type ConsentOutcome = { recorded: 'granted' | 'revoked' } | { recorded: 'nothing'; reason: string };

/**
 * A platform's SMS marketing consent as a compliance consent record: granted (purpose marketing, legal
 * basis consent, source `<platform>:<source id>[:<collected from>]`, its own time) or revoked. Only the
 * recipient token travels, never the number. Compliance unreachable: 503, so the platform retries.
 */
@Injectable()
export class ConsentRecorder {
  private readonly client: ComplianceConsentsClient | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {
    this.client =
      config.INGEST_COMPLIANCE_TOKEN === ''
        ? undefined
        : new ComplianceConsentsClient(config.COMPLIANCE_URL, config.INGEST_COMPLIANCE_TOKEN);
  }

  async record(source: WebhookSource, change: ConsentChange): Promise<ConsentOutcome> {
    const resolved = resolveRecipient(change.phone, 'phone', [change.country, this.config.INGEST_DEFAULT_REGION]);
    if (!resolved.ok) return { recorded: 'nothing', reason: `phone ${resolved.failure.reason}` };
    if (this.client === undefined)
      throw unavailable('INGEST_COMPLIANCE_TOKEN is not set: platform consents cannot be recorded');
    const token = recipientTokenFor(this.config.RECIPIENT_TOKEN_KEY, resolved.recipient.e164);
    const origin = [source.platform, source.id, change.collectedFrom].filter(Boolean).join(':').slice(0, 128);
    try {
      if (change.granted) {
        await this.client.grant({
          token,
          brand: source.brand,
          purpose: MARKETING_PURPOSE,
          legalBasis: 'consent',
          source: origin,
          ...(change.at === undefined ? {} : { grantedAt: change.at }),
        });
        return { recorded: 'granted' };
      }
      await this.client.revoke({
        token,
        brand: source.brand,
        purpose: MARKETING_PURPOSE,
        reason: `withdrawn on ${origin}${change.at === undefined ? '' : ` at ${change.at}`}`,
      });
      return { recorded: 'revoked' };
    } catch (e) {
      this.logger.warn(
        { err: e, source: source.id, url: this.config.COMPLIANCE_URL },
        'platform consent not recorded: compliance did not take it',
      );
      throw unavailable('compliance did not record the consent; retry');
    }
  }
}

function unavailable(message: string): ApiError {
  return new ApiError(503, 'CONSENT_UNAVAILABLE', message, [], { 'Retry-After': '30' });
}
