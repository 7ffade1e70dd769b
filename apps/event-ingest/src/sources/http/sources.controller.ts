import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { bodyOf, headersOf, traceparentOf } from '../../http/request-parts';
import type { AuthedRequest } from '../../http/api-key.guard';
import { SourceWebhookService, type WebhookAnswer } from '../application/source-webhook.service';

export const SOURCES_ROUTE = '/v1/sources';

/**
 * Shopify, WooCommerce and Stripe webhooks as each platform sends them. No API key: the platform's
 * signature over the raw body (kept by rawBodyMiddleware, same size limit as /v1/events) is the proof.
 * Every answer a platform should not retry is 200: they retry other codes and disable failing webhooks.
 */
@Controller(SOURCES_ROUTE)
export class SourcesController {
  constructor(private readonly webhooks: SourceWebhookService) {}

  @Post(':sourceId')
  @HttpCode(200)
  receive(@Param('sourceId') sourceId: string, @Req() req: Request): Promise<WebhookAnswer> {
    const authed = req as AuthedRequest;
    return this.webhooks.receive(sourceId, headersOf(authed), bodyOf(authed), traceparentOf(authed));
  }
}
