import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { OperatorStore, type Operator } from '../auth/operator.store';
import { CurrentOperator, RequireRole, SessionGuard } from '../auth/session.guard';
import { matches, oneOf, required, text, validate } from '../http/errors';
import { RecipientTokens } from '../http/recipient';
import { ServiceClient } from '../http/service-client';

const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
];
const BRAND = [required, text(64)];
const REASON = [required, text(500)];

/**
 * Opt-outs and consents of one number, through compliance's admin API. The number is tokenized here:
 * compliance, the audit trails and the logs see only its token. Changes need the operator role and a reason.
 */
@Controller('api/recipients')
@UseGuards(SessionGuard)
export class OptOutsController {
  constructor(
    private readonly compliance: ServiceClient,
    private readonly tokens: RecipientTokens,
    private readonly store: OperatorStore,
  ) {}

  @Get()
  async lookUp(@Query('phone') phone?: string) {
    const token = encodeURIComponent(this.tokens.tokenOf(phone));
    const [optouts, consents] = await Promise.all([
      this.compliance.call<Record<string, unknown>>('compliance', 'GET', `/v1/optouts?token=${token}`),
      this.compliance.call<{ consents: unknown[] }>('compliance', 'GET', `/v1/consents?token=${token}`),
    ]);
    return { ...optouts, consents: consents.consents };
  }

  @Post('optouts')
  @RequireRole('operator')
  @HttpCode(200)
  async change(@Body() body: unknown, @CurrentOperator() me: Operator) {
    const req = validate<{ phone: string; brand: string; action: 'opt_out' | 'opt_in'; reason: string }>(body, {
      phone: [required],
      brand: BRAND,
      action: [required, oneOf(['opt_out', 'opt_in'])],
      reason: REASON,
    });
    const token = this.tokens.tokenOf(req.phone);
    const change = { token, brand: req.brand, reason: req.reason };
    const result = await this.compliance.call(
      'compliance',
      req.action === 'opt_out' ? 'POST' : 'DELETE',
      '/v1/optouts',
      change,
      me.name,
    );
    await this.store.audit(me.name, `recipient.${req.action}`, token, { brand: req.brand, reason: req.reason });
    return result;
  }

  @Post('consents')
  @RequireRole('operator')
  @HttpCode(201)
  async grant(@Body() body: unknown, @CurrentOperator() me: Operator) {
    const req = validate<{ phone: string; brand: string; purpose: string; legalBasis: string; source: string }>(body, {
      phone: [required],
      brand: BRAND,
      purpose: [required, matches(/^[a-z0-9_.-]{1,64}$/, 'must match [a-z0-9_.-]{1,64}, e.g. marketing')],
      legalBasis: [required, oneOf(LEGAL_BASES)],
      source: [required, text(128)],
    });
    const token = this.tokens.tokenOf(req.phone);
    const result = await this.compliance.call(
      'compliance',
      'POST',
      '/v1/consents',
      { token, brand: req.brand, purpose: req.purpose, legalBasis: req.legalBasis, source: req.source },
      me.name,
    );
    await this.store.audit(me.name, 'recipient.consent_grant', token, { brand: req.brand, purpose: req.purpose });
    return result;
  }

  @Post('consents/revoke')
  @RequireRole('operator')
  @HttpCode(200)
  async revoke(@Body() body: unknown, @CurrentOperator() me: Operator) {
    const req = validate<{ phone: string; brand: string; purpose?: string; reason: string }>(body, {
      phone: [required],
      brand: BRAND,
      purpose: [matches(/^[a-z0-9_.-]{1,64}$/, 'must match [a-z0-9_.-]{1,64}')],
      reason: REASON,
    });
    const token = this.tokens.tokenOf(req.phone);
    const result = await this.compliance.call(
      'compliance',
      'DELETE',
      '/v1/consents',
      { token, brand: req.brand, purpose: req.purpose, reason: req.reason },
      me.name,
    );
    await this.store.audit(me.name, 'recipient.consent_revoke', token, {
      brand: req.brand,
      purpose: req.purpose,
      reason: req.reason,
    });
    return result;
  }
}
