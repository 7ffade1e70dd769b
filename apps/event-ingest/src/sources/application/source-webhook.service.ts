import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DomainTopicName } from '@herald/contracts';
import { Publisher } from '@herald/kafka';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { ApiError, CLOCK, SERVICE_CONFIG, SERVICE_NAME, type Clock } from '@herald/service-kit';
import { validateEventData } from '../../domain/event-data.validation';
import type { PlannedNotification, SourceEventRef } from '../../domain/planned-notification';
import type { EventIngestConfig } from '../../event-ingest.config';
import { HttpIngestService } from '../../application/http-ingest.service';
import { parentOf } from '../../application/notification-emitter';
import { NotificationPlanner } from '../../application/notification-planner.service';
import type { MappedEvent } from '../domain/mapped-event';
import { mapWebhook } from '../domain/mapping-packs';
import { hasPhone } from '../domain/packs/contact';
import { PLATFORMS } from '../domain/platform';
import type { WebhookHeaders } from '../domain/signatures/signature-check';
import type { SourceRegistry, WebhookSource } from '../domain/source-registry';
import { ConsentRecorder } from './consent-recorder';
import { sourceDeadLetter } from './source-dead-letter';
import { SourceMetrics } from './source-metrics';
import { SOURCE_REGISTRY, SOURCE_SECRETS } from './tokens';

export interface WebhookAnswer {
  status: 'accepted' | 'duplicate' | 'unmapped' | 'ignored' | 'dead-lettered' | 'consent' | 'ping';
  topic: string;
  id?: string;
  type?: string;
  messageIds?: string[];
  reason?: string;
  /** What became of an SMS marketing consent the webhook carried. */
  consent?: 'granted' | 'revoked' | 'nothing';
}

// WooCommerce pings a new webhook's URL with this form body and no signature; a non-2xx answer stops it saving.
const WOOCOMMERCE_PING = /^webhook_id=\d+$/;

/**
 * POST /v1/sources/:sourceId: the signature is checked on the raw bytes before anything is parsed;
 * an unknown source is refused exactly like a bad signature. The mapped event then takes the
 * /v1/events path (planner, dedupe on source + platform id, publish) with the source's brand.
 */
@Injectable()
export class SourceWebhookService {
  // Verifying against a throwaway secret for an unknown source keeps its answer time like a known one's.
  private readonly decoySecrets = [randomBytes(32).toString('hex')];

  constructor(
    @Inject(SOURCE_REGISTRY) private readonly registry: SourceRegistry,
    @Inject(SOURCE_SECRETS) private readonly secrets: ReadonlyMap<string, readonly string[]>,
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly planner: NotificationPlanner,
    private readonly ingest: HttpIngestService,
    private readonly publisher: Publisher,
    private readonly metrics: SourceMetrics,
    private readonly consents: ConsentRecorder,
  ) {}

  async receive(sourceId: string, headers: WebhookHeaders, body: Buffer, traceparent?: string): Promise<WebhookAnswer> {
    // Answered for any source id, known or not, so it reveals nothing.
    if (
      headers['x-wc-webhook-signature'] === undefined &&
      body.length < 64 &&
      WOOCOMMERCE_PING.test(body.toString('latin1'))
    ) {
      this.metrics.count('unknown', undefined, 'ping');
      return { status: 'ping', topic: 'ping' };
    }
    const source = this.registry.sources.get(sourceId);
    const now = this.clock.now();
    const known = source !== undefined;
    const spec = PLATFORMS[source?.platform ?? 'shopify'];
    const secrets = source === undefined ? this.decoySecrets : (this.secrets.get(source.secretRef) ?? []);
    const verdict = spec.verify(
      { headers, body, secrets, now },
      { stripeToleranceSeconds: this.config.INGEST_STRIPE_TOLERANCE_SECONDS },
    );
    if (!known || !verdict.ok) {
      const reason = known ? (verdict.ok ? 'verified' : verdict.reason) : 'UNKNOWN_SOURCE';
      this.metrics.count(known ? sourceId : 'unknown', undefined, 'unauthorized');
      this.logger.warn({ source: known ? sourceId : 'unknown', reason }, 'platform webhook refused: signature');
      throw new ApiError(401, 'UNAUTHORIZED', 'the webhook signature does not verify for this source', [
        { field: 'signature', reason: "is missing, malformed, expired or not made with this source's secret" },
      ]);
    }
    const payload = this.parse(source, body);
    const topic = spec.topicOf(headers, payload);
    const deliveryId = spec.deliveryIdOf(headers, payload);
    if (topic === undefined)
      throw this.invalid(source, undefined, 'topic', 'the webhook names no topic (header or event type)');
    const result = mapWebhook(
      source.pack,
      { topic, headers, payload, receivedAt: now },
      { deliveryId: deliveryId ?? '', sourceId, brand: source.brand },
    );
    if (result.kind === 'unmapped' || result.kind === 'ignored') {
      this.metrics.count(sourceId, topic, result.kind);
      return { status: result.kind, topic, ...(result.kind === 'ignored' ? { reason: result.reason } : {}) };
    }
    if (result.kind === 'consent') {
      const outcome = await this.consents.record(source, result.consent);
      this.metrics.count(sourceId, topic, 'consent');
      return {
        status: 'consent',
        topic,
        consent: outcome.recorded,
        ...('reason' in outcome ? { reason: outcome.reason } : {}),
      };
    }
    if (result.event.id === '') throw this.invalid(source, topic, 'id', 'the webhook carries no delivery or event id');
    // A legacy customer payload's consent first: the platform retries the whole webhook if it fails.
    const consent =
      result.consent === undefined ? undefined : (await this.consents.record(source, result.consent)).recorded;
    const answer = await this.send(source, topic, result.event, now, traceparent);
    return consent === undefined ? answer : { ...answer, consent };
  }

  private async send(
    source: WebhookSource,
    topic: string,
    mapped: MappedEvent,
    now: Date,
    traceparent?: string,
  ): Promise<WebhookAnswer> {
    const event: SourceEventRef & { subject?: string } = {
      id: mapped.id,
      source: `/sources/${source.id}`,
      type: mapped.type,
      time: mapped.time,
    };
    if (mapped.subject !== undefined) event.subject = mapped.subject;
    const deadLetter = (code: string, reason: string) =>
      this.deadLetter(source, topic, event, mapped.data, code, reason, now);
    if (!hasPhone(mapped.data)) {
      return deadLetter(
        'MISSING_RECIPIENT',
        `no phone number in the ${topic} webhook (customer, shipping or billing address)`,
      );
    }
    const checked = validateEventData(mapped.type as DomainTopicName, mapped.data);
    if (!checked.ok)
      return deadLetter('CONTRACT_VIOLATION', checked.errors.map((e) => `data.${e.field} ${e.reason}`).join('; '));
    const plan = this.planner.planEvent(event, checked.value);
    if (plan.kind !== 'plan') {
      this.metrics.count(source.id, topic, 'ignored');
      return { status: 'ignored', topic, reason: `no notification rule for ${mapped.type}` };
    }
    if (!plan.ok) return deadLetter(plan.failure.code, `data.${plan.failure.field} ${plan.failure.reason}`);
    // The source's brand, whatever the rule's default: the shop sends for its own brand.
    const notifications: PlannedNotification[] = plan.notifications.map((n) => ({ ...n, brand: source.brand }));
    const messageIds = notifications.map((n) => n.messageId);
    const answer = await this.ingest.accept({
      event,
      notifications,
      parent: parentOf(event, traceparent, now),
      answer: (duplicate) => ({
        status: duplicate ? 'duplicate' : 'accepted',
        topic,
        id: event.id,
        type: event.type,
        messageIds,
      }),
    });
    const body = answer.body as WebhookAnswer;
    this.metrics.count(source.id, topic, body.status === 'duplicate' ? 'duplicate' : 'accepted');
    return body;
  }

  private async deadLetter(
    source: WebhookSource,
    topic: string,
    event: SourceEventRef & { subject?: string },
    data: object,
    code: string,
    reason: string,
    now: Date,
  ): Promise<WebhookAnswer> {
    await this.publisher.sendBatch([sourceDeadLetter(event, data, code, reason, this.service, now)]);
    this.metrics.count(source.id, topic, 'dead_lettered');
    this.logger.warn(
      { source: source.id, topic, id: event.id, code, reason },
      'platform webhook mapped to an event that cannot be sent: dead-lettered',
    );
    return { status: 'dead-lettered', topic, id: event.id, type: event.type, reason: `${code}: ${reason}` };
  }

  private parse(source: WebhookSource, body: Buffer): Record<string, unknown> {
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw this.invalid(source, undefined, '$', 'is not valid JSON');
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      throw this.invalid(source, undefined, '$', 'must be a JSON object');
    return payload as Record<string, unknown>;
  }

  private invalid(source: WebhookSource, topic: string | undefined, field: string, reason: string): ApiError {
    this.metrics.count(source.id, topic, 'invalid');
    return new ApiError(400, 'INVALID_WEBHOOK', `the ${source.platform} webhook cannot be read: ${field} ${reason}`, [
      { field, reason },
    ]);
  }
}
