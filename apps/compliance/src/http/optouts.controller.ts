import { Body, Controller, Delete, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import type { OptAction } from '@herald/contracts';
import { BearerKeyGuard } from '@herald/service-kit';
import { AdminActor } from './admin-tokens';
import { OptOutChangeRequest, RecipientRef } from './admin-requests.dto';
import { OptOutAdmin, type OptOutView } from './optout-admin.service';
import { RecipientResolver, validateBody } from './request-validation';

/**
 * GET    /v1/optouts?recipient=<E.164>|token=<token>   states per brand + audit trail
 * POST   /v1/optouts  { phone|token, brand, reason? }  opt out (brand '*': every brand)
 * DELETE /v1/optouts  { phone|token, brand, reason? }  opt back in (body or query string)
 */
@Controller('v1/optouts')
@UseGuards(BearerKeyGuard)
export class OptOutsController {
  constructor(
    private readonly admin: OptOutAdmin,
    private readonly recipients: RecipientResolver,
  ) {}

  @Get()
  get(@Query('recipient') phone?: string, @Query('token') token?: string): Promise<OptOutView> {
    const ref = validateBody(RecipientRef, { phone, token });
    return this.admin.view(this.recipients.resolve(ref, 'recipient'));
  }

  @Post()
  @HttpCode(201)
  optOut(@Body() body: unknown, @AdminActor() actor: string) {
    return this.change(body, 'opt_out', actor);
  }

  @Delete()
  @HttpCode(200)
  optIn(@Body() body: unknown, @Query() query: Record<string, string>, @AdminActor() actor: string) {
    return this.change({ ...query, ...(body as object | undefined) }, 'opt_in', actor);
  }

  private async change(body: unknown, action: OptAction, actor: string) {
    const req = validateBody(OptOutChangeRequest, body);
    const recipientToken = this.recipients.resolve(req);
    const { applied, at } = await this.admin.change(recipientToken, req.brand, action, actor, req.reason);
    return { recipientToken, brand: req.brand, optedOut: action === 'opt_out', applied, at, actor };
  }
}
