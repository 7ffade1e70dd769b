import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Publisher, type OutboundRecord } from '@herald/kafka';
import { ApiError, SERVICE_CONFIG } from '@herald/service-kit';
import type { ApiKeyRecord } from '../adapters/api-keys.repository';
import { IdempotencyRepository } from '../adapters/idempotency.repository';
import { ProcessedEventsRepository } from '../adapters/processed-events.repository';
import { HTTP_POSITION, decideDedupe, shouldEmit } from '../domain/dedupe.policy';
import { decideIdempotency } from '../domain/idempotency.policy';
import type { PlannedNotification, SourceEventRef } from '../domain/planned-notification';
import type { EventIngestConfig } from '../event-ingest.config';
import { IngestMetrics } from './ingest.metrics';
import { NotificationEmitter, type Parent } from './notification-emitter';

export interface HttpIngestRequest {
  /** Absent for a platform webhook (POST /v1/sources/:id): its signature authenticates it, and it has no Idempotency-Key. */
  apiKey?: ApiKeyRecord;
  idempotency?: { key: string; requestHash: string };
  event: SourceEventRef;
  notifications: PlannedNotification[];
  parent: Parent;
  /** The 202 body, told whether the event had been accepted before. */
  answer: (duplicate: boolean) => object;
}

export interface HttpIngestAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/**
 * The HTTP path's all-or-nothing: idempotency row, dedupe row and publish share one transaction that
 * commits only after the broker acked the records; a failed publish rolls both rows back (503).
 */
@Injectable()
export class HttpIngestService {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: Publisher,
    private readonly idempotency: IdempotencyRepository,
    private readonly processed: ProcessedEventsRepository,
    private readonly emitter: NotificationEmitter,
    private readonly metrics: IngestMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
  ) {}

  async accept(req: HttpIngestRequest): Promise<HttpIngestAnswer> {
    let emitted = false;
    const answer = await this.ds.transaction(async (em): Promise<HttpIngestAnswer> => {
      const idem = req.apiKey === undefined ? undefined : req.idempotency;
      const apiKeyId = req.apiKey?.id ?? '';
      if (idem !== undefined) {
        const claimed = await this.idempotency.claim(
          em,
          apiKeyId,
          idem.key,
          idem.requestHash,
          this.config.INGEST_IDEMPOTENCY_TTL_HOURS,
        );
        if (!claimed) return this.replay(await this.idempotency.find(em, apiKeyId, idem.key), idem.requestHash);
      }
      let duplicate = false;
      if (req.notifications.length > 0) {
        const candidate = {
          source: req.event.source,
          eventId: req.event.id,
          eventType: req.event.type,
          position: HTTP_POSITION,
        };
        const [row] = await this.processed.claim([candidate], em);
        duplicate = !shouldEmit(decideDedupe(candidate, row));
      }
      const body = req.answer(duplicate);
      if (idem !== undefined) await this.idempotency.complete(em, apiKeyId, idem.key, 202, body);
      if (!duplicate && req.notifications.length > 0) {
        const records: OutboundRecord[] = [];
        this.emitter.emit(req.event, req.notifications, req.parent, {
          publish: (t, p, o) => records.push(this.publisher.build(t, p, o)),
        });
        await this.publisher.sendBatch(records);
        emitted = true;
      }
      return { status: 202, body, replayed: false };
    });
    const type = this.metrics.typeLabel(req.event.type);
    if (emitted) this.emitter.countEmitted(req.notifications);
    else if (!answer.replayed && req.notifications.length > 0) this.metrics.duplicates.inc({ type, via: 'http' });
    return answer;
  }

  private replay(stored: Awaited<ReturnType<IdempotencyRepository['find']>>, requestHash: string): HttpIngestAnswer {
    if (stored === undefined) {
      throw new ApiError(
        409,
        'IDEMPOTENCY_CONFLICT',
        'a request with this Idempotency-Key is still being processed; retry later',
      );
    }
    const outcome = decideIdempotency(stored, requestHash);
    if (outcome.kind === 'conflict') {
      throw new ApiError(
        409,
        'IDEMPOTENCY_CONFLICT',
        'this Idempotency-Key was already used with a different request body',
        [
          {
            field: 'Idempotency-Key',
            reason: `was used for a different request in the last ${this.config.INGEST_IDEMPOTENCY_TTL_HOURS} hours`,
          },
        ],
      );
    }
    return { status: outcome.status, body: outcome.body, replayed: true };
  }
}
