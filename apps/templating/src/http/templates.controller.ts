import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { TemplateVersion } from '../domain/template';
import { BearerKeyGuard } from '@herald/service-kit';
import { parseRequest } from './http-errors';
import { TemplateAdminService, type DraftPreviewResult, type PreviewResult } from './template-admin.service';
import {
  ActivateTemplateRequest,
  CreateTemplateRequest,
  ListTemplatesQuery,
  PreviewTemplateRequest,
  TemplatePathParams,
} from './template-requests';

@Controller('v1/templates')
@UseGuards(BearerKeyGuard)
export class TemplatesController {
  constructor(private readonly admin: TemplateAdminService) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Headers('x-herald-operator') operator?: string) {
    return this.admin.create(parseRequest(CreateTemplateRequest, body), operatorOf(operator));
  }

  /** A draft (the body of a create) rendered and linted without saving it. */
  @Post('preview')
  @HttpCode(200)
  draftPreview(@Body() body: unknown): DraftPreviewResult {
    return this.admin.draftPreview(parseRequest(CreateTemplateRequest, body));
  }

  @Get()
  async list(@Query() query: unknown): Promise<{ templates: TemplateVersion[] }> {
    const { key, locale, active } = parseRequest(ListTemplatesQuery, query);
    return {
      templates: await this.admin.list({ key, locale, active: active === undefined ? undefined : active === 'true' }),
    };
  }

  @Get(':key')
  async versions(@Param() params: unknown): Promise<{ key: string; templates: TemplateVersion[] }> {
    const { key } = parseRequest(TemplatePathParams, params);
    return { key, templates: await this.admin.versionsOf(key) };
  }

  @Post(':key/:locale/activate')
  @HttpCode(200)
  async activate(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('x-herald-operator') operator?: string,
  ): Promise<{ template: TemplateVersion }> {
    const { key, locale } = parseRequest(TemplatePathParams, params);
    const { version } = parseRequest(ActivateTemplateRequest, body);
    return { template: await this.admin.activate(key, locale as string, version, operatorOf(operator)) };
  }

  @Post(':key/preview')
  @HttpCode(200)
  preview(@Param() params: unknown, @Body() body: unknown): Promise<PreviewResult> {
    const { key } = parseRequest(TemplatePathParams, params);
    return this.admin.preview(key, parseRequest(PreviewTemplateRequest, body));
  }
}

/** X-Herald-Operator: the person behind the admin token's call (the operator console's operator), kept as createdBy/activatedBy. */
const OPERATOR = /^[a-z0-9][a-z0-9._-]{1,47}$/;
const operatorOf = (header: string | undefined): string | undefined =>
  header !== undefined && OPERATOR.test(header) ? header : undefined;
