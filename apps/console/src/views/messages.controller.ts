import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { isUuid } from '@herald/contracts';
import { SessionGuard } from '../auth/session.guard';
import { badRequest } from '../http/errors';
import { looksLikePhone, RecipientTokens } from '../http/recipient';
import { ServiceClient } from '../http/service-client';

type MessageView = Record<string, unknown> & { messageId: string };

/** Search by message id, event id or phone number (tokenized here), through receipts' support API. */
@Controller('api/messages')
@UseGuards(SessionGuard)
export class MessagesController {
  constructor(
    private readonly receipts: ServiceClient,
    private readonly tokens: RecipientTokens,
  ) {}

  @Get()
  async search(@Query('q') raw?: string): Promise<{ by: 'messageId' | 'eventId' | 'phone'; messages: MessageView[] }> {
    const q = (raw ?? '').trim();
    if (!q)
      throw badRequest('type a message id, an event id or a phone number', [{ field: 'q', reason: 'is required' }]);
    if (q.length > 200)
      throw badRequest('the search is too long', [{ field: 'q', reason: 'must be at most 200 characters' }]);
    if (isUuid(q)) {
      const { status, json } = await this.receipts.raw('receipts', 'GET', `/v1/messages/${q.toLowerCase()}`);
      if (status === 200) return { by: 'messageId', messages: [json as MessageView] };
    }
    if (looksLikePhone(q)) {
      const token = this.tokens.tokenOf(q, 'q');
      const found = await this.receipts.call<{ messages: MessageView[] }>(
        'receipts',
        'GET',
        `/v1/messages?recipientToken=${encodeURIComponent(token)}&limit=50`,
      );
      return { by: 'phone', messages: found.messages };
    }
    const found = await this.receipts.call<{ messages: MessageView[] }>(
      'receipts',
      'GET',
      `/v1/messages?eventId=${encodeURIComponent(q)}&limit=50`,
    );
    return { by: 'eventId', messages: found.messages };
  }

  @Get(':id')
  byId(@Param('id') id: string): Promise<MessageView> {
    if (!isUuid(id)) throw badRequest('a message id is a UUID', [{ field: 'id', reason: 'must be a UUID' }]);
    return this.receipts.call<MessageView>('receipts', 'GET', `/v1/messages/${id.toLowerCase()}`);
  }
}
