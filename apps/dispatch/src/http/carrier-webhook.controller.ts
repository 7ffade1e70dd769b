import { Controller, HttpCode, Inject, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { HeraldError } from '@herald/contracts';
import { ApiError, SERVICE_CONFIG } from '@herald/service-kit';
import type { DispatchConfig } from '../dispatch.config';
import { DispatchRuntime } from '../dispatch.runtime';

/**
 * Carrier status callbacks (Twilio StatusCallback, Vonage DLR, Infobip and Telnyx webhooks, ...):
 * each carrier's plugin checks its own signature and reads its own format. A 200 is sent only once
 * the report is on Kafka; a 503 asks the carrier to retry.
 */
@Controller('v1/carriers')
export class CarrierWebhookController {
  private readonly publicBase: string;

  constructor(
    private readonly runtime: DispatchRuntime,
    @Inject(SERVICE_CONFIG) config: DispatchConfig,
  ) {
    this.publicBase = config.DISPATCH_PUBLIC_URL.replace(/\/+$/, '');
  }

  @Post(':carrier/status')
  @HttpCode(200)
  async status(
    @Param('carrier') carrier: string,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<{ status: 'accepted'; published: number; duplicates: number }> {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    let result;
    try {
      result = await this.runtime.callbacks.receive(carrier, {
        url: `${this.publicBase}${req.originalUrl}`,
        headers,
        rawBody: req.rawBody ?? Buffer.alloc(0),
      });
    } catch (e) {
      const code = e instanceof HeraldError ? e.code : 'HANDLER_FAILED';
      throw new ApiError(503, code, `could not record the status, retry later: ${(e as Error).message}`);
    }
    if (result.kind === 'accepted')
      return { status: 'accepted', published: result.published, duplicates: result.duplicates };
    if (result.reason === 'malformed')
      throw new ApiError(400, 'BAD_REQUEST', 'invalid status callback', [{ field: '$', reason: result.detail }]);
    // One answer for a bad signature, a stale one and an unknown carrier id.
    throw new ApiError(401, 'UNAUTHORIZED', 'status callback not authenticated', [
      { field: 'signature', reason: 'does not verify for this carrier' },
    ]);
  }
}
