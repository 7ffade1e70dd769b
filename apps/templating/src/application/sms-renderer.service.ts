import { Inject, Injectable } from '@nestjs/common';
import {
  HeraldError,
  statusMetaOf,
  type BrandRegistry,
  type SmsRenderedV1,
  type SmsRequestedV1,
  type SmsStatusV1,
} from '@herald/contracts';
import { PiiCipher } from '@herald/pii';
import { BRANDS, CLOCK, SERVICE_CONFIG, SERVICE_NAME, type Clock } from '@herald/service-kit';
import type { RenderContext } from '../domain/render-context';
import { renderMessage, type TemplateLookup } from '../domain/render-message';
import { TemplateEngine } from '../domain/template-engine';
import type { TemplatingConfig } from '../templating.config';
import { TemplatingMetrics } from '../templating.metrics';

export type RenderOutcome =
  { ok: true; rendered: SmsRenderedV1 } | { ok: false; error: HeraldError; status: SmsStatusV1 };

/**
 * One sms.requested.v1 -> sms.rendered.v1, or a non-retriable error plus the `failed` status that
 * makes it visible in receipts. The body leaves this class only encrypted.
 */
@Injectable()
export class SmsRenderer {
  constructor(
    private readonly engine: TemplateEngine,
    private readonly cipher: PiiCipher,
    private readonly metrics: TemplatingMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: TemplatingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BRANDS) private readonly brands: BrandRegistry,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  render(request: SmsRequestedV1, lookup: TemplateLookup): RenderOutcome {
    try {
      // An unconfigured brand fails (UNKNOWN_BRAND); `{{ brand }}` prints the configured name, never a variable.
      const brand = this.brands.displayName(request.brand);
      const input = {
        ...request,
        brand,
        country: request.recipient.country,
        secrets: this.openSecrets(request.secretsEnc),
      };
      const { template, body } = renderMessage(this.engine, input, lookup, this.config.TEMPLATING_DEFAULT_LOCALE);
      const { encoding, segments, characters } = body.analysis;
      this.metrics.rendered.inc({ template: template.key, locale: template.locale, encoding });
      this.metrics.segments.observe({ encoding }, segments);
      if (body.transliterated) this.metrics.transliterated.inc();
      const { variables: _variables, secretsEnc: _secrets, ...fields } = request;
      const rendered: SmsRenderedV1 = {
        ...fields,
        // The template's category is what the operator registered (and, in India, what DLT approved),
        // but a caller who says promotional keeps promotional: choosing a transactional template
        // must not launder marketing past consent, caps and quiet hours.
        category: request.category === 'promotional' ? 'promotional' : template.category,
        templateVersion: template.version,
        bodyEnc: this.cipher.encrypt(body.text),
        encoding,
        segments,
        characters,
        senderProfile: template.senderProfile,
        renderedAt: this.clock.now().toISOString(),
      };
      if (template.registeredTemplateId) rendered.registeredTemplateId = template.registeredTemplateId;
      return { ok: true, rendered };
    } catch (e) {
      if (!(e instanceof HeraldError) || e.retriable) throw e;
      this.metrics.failures.inc({ code: e.code });
      return { ok: false, error: e, status: this.failedStatus(request, e) };
    }
  }

  private openSecrets(secretsEnc: string | undefined): RenderContext | undefined {
    if (!secretsEnc) return undefined;
    let plain: string;
    try {
      plain = this.cipher.decrypt(secretsEnc);
    } catch (e) {
      throw new HeraldError(
        'CONTRACT_VIOLATION',
        `secretsEnc cannot be decrypted with PII_ENCRYPTION_KEYS: ${(e as Error).message}`,
      );
    }
    let secrets: unknown;
    try {
      secrets = JSON.parse(plain);
    } catch {
      // JSON.parse quotes the text it could not read, and that text is a secret.
      throw new HeraldError('CONTRACT_VIOLATION', 'secretsEnc does not hold JSON');
    }
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets))
      throw new HeraldError('CONTRACT_VIOLATION', 'secretsEnc must hold a JSON object');
    return secrets as RenderContext;
  }

  private failedStatus(request: SmsRequestedV1, error: HeraldError): SmsStatusV1 {
    return {
      messageId: request.messageId,
      status: 'failed',
      reasonCode: error.code,
      reason: error.message.slice(0, 500),
      service: this.service,
      at: this.clock.now().toISOString(),
      meta: statusMetaOf(request),
    };
  }
}
