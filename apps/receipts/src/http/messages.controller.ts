import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { isUuid, recipientTokenFor } from '@herald/contracts';
import { normalizePhone } from '@herald/phone';
import { ApiError, BearerKeyGuard, SERVICE_CONFIG } from '@herald/service-kit';
import { DataSource } from 'typeorm';
import { MessageRepository } from '../adapters/message.repository';
import { TimelineRepository } from '../adapters/timeline.repository';
import type { ReceiptsConfig } from '../receipts.config';
import { messageView } from './message-view';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** "What happened to this message?" for support staff, behind API keys. */
@Controller('v1/messages')
@UseGuards(BearerKeyGuard)
export class MessagesController {
  constructor(
    private readonly ds: DataSource,
    private readonly messages: MessageRepository,
    private readonly timeline: TimelineRepository,
    @Inject(SERVICE_CONFIG) private readonly config: ReceiptsConfig,
  ) {}

  @Get(':id')
  async byId(@Param('id') id: string): Promise<Record<string, unknown>> {
    if (!isUuid(id))
      throw new ApiError(400, 'BAD_REQUEST', 'message id must be a UUID', [{ field: 'id', reason: 'must be a UUID' }]);
    const messageId = id.toLowerCase();
    const message = await this.messages.findOne(this.ds.manager, messageId);
    if (!message)
      throw new ApiError(404, 'NOT_FOUND', `no message ${messageId}`, [{ field: 'id', reason: 'UNKNOWN_MESSAGE' }]);
    return messageView(message, await this.timeline.list(this.ds.manager, messageId));
  }

  /**
   * By `recipient` (normalized and tokenized here, never stored, logged or echoed), by its
   * `recipientToken` (a caller that tokenized it already, the operator console), or by the
   * `eventId` of the business event the messages came from.
   */
  @Get()
  async byRecipient(
    @Query('recipient') recipient: string | undefined,
    @Query('country') country: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('recipientToken') recipientToken?: string,
    @Query('eventId') eventId?: string,
  ): Promise<{ messages: Record<string, unknown>[] }> {
    if (!recipient && !recipientToken && !eventId) {
      throw new ApiError(400, 'BAD_REQUEST', 'recipient, recipientToken or eventId is required', [
        { field: 'recipient', reason: 'is required' },
      ]);
    }
    const max = limit === undefined ? DEFAULT_LIMIT : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIMIT) {
      throw new ApiError(400, 'BAD_REQUEST', `limit must be an integer 1-${MAX_LIMIT}`, [
        { field: 'limit', reason: `must be an integer 1-${MAX_LIMIT}` },
      ]);
    }
    if (eventId !== undefined)
      return {
        messages: (await this.messages.findBySourceEvent(this.ds.manager, eventId.slice(0, 200), max)).map((m) =>
          messageView(m),
        ),
      };
    if (recipientToken !== undefined)
      return {
        messages: (await this.messages.findByRecipient(this.ds.manager, recipientToken.slice(0, 200), max)).map((m) =>
          messageView(m),
        ),
      };
    const phone = normalizePhone(recipient as string, country);
    if (!phone.ok) {
      throw new ApiError(400, 'INVALID_PHONE', 'recipient is not a valid phone number', [
        { field: 'recipient', reason: phone.reason },
      ]);
    }
    const token = recipientTokenFor(this.config.RECIPIENT_TOKEN_KEY, phone.e164);
    const found = await this.messages.findByRecipient(this.ds.manager, token, max);
    return { messages: found.map((m) => messageView(m)) };
  }
}
