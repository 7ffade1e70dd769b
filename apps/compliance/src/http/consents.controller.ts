import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { isUuid } from '@herald/contracts';
import type { ConsentRecord } from '../adapters/consent.repository';
import { BearerKeyGuard } from '@herald/service-kit';
import { AdminActor } from './admin-tokens';
import { ConsentGrantRequest, ConsentRevokeRequest, RecipientRef } from './admin-requests.dto';
import { ConsentAdmin } from './consent-admin.service';
import { badRequest, RecipientResolver, validateBody } from './request-validation';

/**
 * GET    /v1/consents?recipient=<E.164>|token=<token>[&brand=]                    every record, revoked ones too
 * POST   /v1/consents  { phone|token, brand, purpose, legalBasis, source, grantedAt? }
 * DELETE /v1/consents  { phone|token, brand, purpose?, reason? }   revokes the matching active consents
 * DELETE /v1/consents/:id  { reason? }
 */
@Controller('v1/consents')
@UseGuards(BearerKeyGuard)
export class ConsentsController {
  constructor(
    private readonly admin: ConsentAdmin,
    private readonly recipients: RecipientResolver,
  ) {}

  @Get()
  async list(@Query('recipient') phone?: string, @Query('token') token?: string, @Query('brand') brand?: string) {
    const recipientToken = this.recipients.resolve(validateBody(RecipientRef, { phone, token }), 'recipient');
    return { recipientToken, consents: await this.admin.list(recipientToken, brand) };
  }

  @Post()
  @HttpCode(201)
  grant(@Body() body: unknown, @AdminActor() actor: string): Promise<ConsentRecord> {
    const req = validateBody(ConsentGrantRequest, body);
    const { phone: _p, token: _t, ...grant } = req;
    return this.admin.grant({ ...grant, recipientToken: this.recipients.resolve(req) }, actor);
  }

  @Delete()
  @HttpCode(200)
  async revoke(@Body() body: unknown, @Query() query: Record<string, string>, @AdminActor() actor: string) {
    const req = validateBody(ConsentRevokeRequest, { ...query, ...(body as object | undefined) });
    return {
      revoked: await this.admin.revoke(
        { recipientToken: this.recipients.resolve(req), brand: req.brand, purpose: req.purpose, reason: req.reason },
        actor,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(200)
  async revokeOne(
    @Param('id') id: string,
    @Body() body: { reason?: unknown } | undefined,
    @AdminActor() actor: string,
  ) {
    if (!isUuid(id)) throw badRequest('id is not a consent id', [{ field: 'id', reason: 'must be a UUID' }]);
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    return { revoked: await this.admin.revokeById(id, actor, reason) };
  }
}
