import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { OperatorStore, type Operator } from '../auth/operator.store';
import { CurrentOperator, RequireRole, SessionGuard } from '../auth/session.guard';
import { badRequest, integer, required, validate } from '../http/errors';
import { ServiceClient } from '../http/service-client';

const KEY = /^[a-z0-9_.-]{1,64}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Templates through templating's admin API: list, versions of a key, a draft's live preview, a new
 * version (saved only if its lint passes) and activation. templating validates every field; its
 * field reasons are relayed as they are.
 */
@Controller('api/templates')
@UseGuards(SessionGuard)
export class TemplatesController {
  constructor(
    private readonly templating: ServiceClient,
    private readonly store: OperatorStore,
  ) {}

  @Get()
  list() {
    return this.templating.call('templating', 'GET', '/v1/templates');
  }

  @Get(':key')
  versions(@Param('key') key: string) {
    checkKey(key);
    return this.templating.call('templating', 'GET', `/v1/templates/${key}`);
  }

  /** Any signed-in operator may preview: nothing is saved. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: unknown) {
    return this.templating.call('templating', 'POST', '/v1/templates/preview', body);
  }

  @Post()
  @RequireRole('operator')
  @HttpCode(201)
  async create(@Body() body: unknown, @CurrentOperator() me: Operator) {
    const created = await this.templating.call<{ template: { key: string; locale: string; version: number } }>(
      'templating',
      'POST',
      '/v1/templates',
      body,
      me.name,
    );
    const t = created.template;
    await this.store.audit(me.name, 'template.create', `${t.key}/${t.locale}`, { version: t.version });
    return created;
  }

  @Post(':key/:locale/activate')
  @RequireRole('operator')
  @HttpCode(200)
  async activate(
    @Param('key') key: string,
    @Param('locale') locale: string,
    @Body() body: unknown,
    @CurrentOperator() me: Operator,
  ) {
    checkKey(key);
    if (!LOCALE.test(locale))
      throw badRequest('not a locale', [{ field: 'locale', reason: 'must be a BCP-47 locale like fr or fr-CA' }]);
    const { version } = validate<{ version: number }>(body, { version: [required, integer(1, 1_000_000)] });
    const result = await this.templating.call(
      'templating',
      'POST',
      `/v1/templates/${key}/${locale}/activate`,
      { version },
      me.name,
    );
    await this.store.audit(me.name, 'template.activate', `${key}/${locale}`, { version });
    return result;
  }
}

function checkKey(key: string): void {
  if (!KEY.test(key))
    throw badRequest('not a template key', [{ field: 'key', reason: 'must match [a-z0-9_.-]{1,64}' }]);
}
