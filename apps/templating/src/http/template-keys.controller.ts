import { Controller, Get } from '@nestjs/common';
import { TemplateRepository } from '../adapters/template.repository';

/**
 * The keys that have an active template, for event-ingest to refuse an unknown `templateKey` at
 * its door. Read-only and without the admin token: the same keys are already label values of
 * /metrics, and a caller that only needs to know what exists should not hold a token that can
 * change templates.
 */
@Controller('v1/template-keys')
export class TemplateKeysController {
  constructor(private readonly templates: TemplateRepository) {}

  @Get()
  async list(): Promise<{ keys: string[] }> {
    return { keys: await this.templates.activeKeys() };
  }
}
