import { Controller, Headers, HttpCode, Inject, Param, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { Topics, validateAs } from '@herald/contracts';
import { Publisher } from '@herald/kafka';
import type { Request, Response } from 'express';
import { ApiError, CLOCK, type Clock } from '@herald/service-kit';
import { mapCarrierStat } from '../domain/smpp-stat.mapper';
import { WebhookAuthenticator } from '../domain/webhook-authenticator';
import { webhookToReceipt } from '../domain/webhook-status';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { ReceiptsMetrics } from '../application/receipts.metrics';
import { WebhookStatusDto } from './webhook-status.dto';

const CARRIER_ID = /^[\w.-]{1,64}$/;

/**
 * Carrier status callbacks, signed with HMAC-SHA256 (see domain/webhook-signature.ts). An accepted
 * callback is published on carrier.receipts.v1, so it is ordered with and applied like an SMPP DLR.
 */
@Controller('v1/carriers')
export class CarrierWebhookController {
  constructor(
    private readonly auth: WebhookAuthenticator,
    private readonly publisher: Publisher,
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':carrier/status')
  @HttpCode(202)
  async status(
    @Param('carrier') carrier: string,
    @Headers('x-herald-timestamp') timestamp: string | undefined,
    @Headers('x-herald-signature') signature: string | undefined,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: 'accepted' | 'duplicate'; carrierMessageId: string }> {
    if (!req.rawBody) {
      this.metrics.webhookRejections.inc({ reason: 'invalid_body' });
      throw new ApiError(400, 'BAD_REQUEST', 'body must be JSON (Content-Type: application/json)', [
        { field: '$', reason: 'must be a JSON object' },
      ]);
    }
    const verdict = CARRIER_ID.test(carrier)
      ? this.auth.verify(carrier, { timestamp, signature, rawBody: req.rawBody })
      : ({ ok: false, reason: 'unknown_carrier' } as const);
    if (!verdict.ok) {
      this.metrics.webhookRejections.inc({ reason: verdict.reason });
      throw new ApiError(401, 'UNAUTHORIZED', `webhook rejected: ${verdict.reason}`, [
        { field: fieldOf(verdict.reason), reason: verdict.reason },
      ]);
    }
    const parsed = validateAs(WebhookStatusDto, req.body);
    if (!parsed.ok) {
      this.metrics.webhookRejections.inc({ reason: 'invalid_body' });
      throw new ApiError(
        400,
        'BAD_REQUEST',
        'invalid status body',
        parsed.errors.map(({ field, reason }) => ({ field, reason })),
      );
    }
    const body = parsed.value;
    if (!mapCarrierStat(body.status, carrier, this.options.acceptd)) {
      this.metrics.webhookRejections.inc({ reason: 'unparseable_status' });
      throw new ApiError(400, 'DLR_UNPARSEABLE', `status "${body.status}" maps to no canonical state`, [
        { field: 'status', reason: 'is not a known carrier status' },
      ]);
    }
    if (!(await this.auth.claim(carrier, verdict))) {
      this.metrics.webhookRejections.inc({ reason: 'replay' });
      res.status(200);
      return { status: 'duplicate', carrierMessageId: body.carrierMessageId };
    }
    try {
      await this.publisher.publish(Topics.CarrierReceiptsV1, webhookToReceipt(carrier, body, this.clock.now()), {
        key: body.carrierMessageId,
      });
    } catch (e) {
      await this.auth.release(carrier, verdict);
      throw new ApiError(
        503,
        'BROKER_UNAVAILABLE',
        `could not record the status, retry later: ${(e as Error).message}`,
      );
    }
    return { status: 'accepted', carrierMessageId: body.carrierMessageId };
  }
}

function fieldOf(reason: string): string {
  if (reason === 'unknown_carrier') return 'carrier';
  return reason === 'missing_timestamp' || reason === 'stale_timestamp' ? 'x-herald-timestamp' : 'x-herald-signature';
}
