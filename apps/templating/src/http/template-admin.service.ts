import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { HeraldError } from '@herald/contracts';
import { ApiError, SERVICE_CONFIG } from '@herald/service-kit';
import { TemplateCache } from '../adapters/template-cache';
import { TemplateRepository, type TemplateFilter } from '../adapters/template.repository';
import { localeChain } from '../domain/locale-chain';
import { buildRenderContext, deepMerge } from '../domain/render-context';
import { recipientFormat, renderBody, selectTemplate, type CompiledTemplate } from '../domain/render-message';
import type { TemplateDraft, TemplateVersion } from '../domain/template';
import { TemplateEngine } from '../domain/template-engine';
import { lintTemplate, scenarioContext, type LintReport } from '../domain/template-lint';
import type { TemplatingConfig } from '../templating.config';
import { DEFAULT_MAX_SEGMENTS, type CreateTemplateRequest, type PreviewTemplateRequest } from './template-requests';

export interface PreviewResult {
  key: string;
  locale: string;
  requestedLocale: string;
  version: number;
  body: string;
  encoding: string;
  segments: number;
  characters: number;
  units: number;
  perSegment: number;
  nonGsmChars: string[];
  transliterated: boolean;
  maxSegments: number;
  withinMaxSegments: boolean;
}

export interface DraftPreviewResult {
  problems: LintReport['problems'];
  worst?: LintReport['worst'];
  preview?: Omit<PreviewResult, 'key' | 'locale' | 'requestedLocale' | 'version'>;
}

/** The admin use cases behind /v1/templates: lint before save, activate, list, preview. */
@Injectable()
export class TemplateAdminService {
  constructor(
    private readonly repository: TemplateRepository,
    private readonly cache: TemplateCache,
    private readonly engine: TemplateEngine,
    @Inject(SERVICE_CONFIG) private readonly config: TemplatingConfig,
  ) {}

  async create(
    request: CreateTemplateRequest,
    actor?: string,
  ): Promise<{ template: TemplateVersion; lint: Omit<LintReport, 'problems'> }> {
    const draft = draftOf(request);
    const { problems, ...lint } = lintTemplate(this.engine, draft);
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'TEMPLATE_REJECTED',
        `template rejected: ${summary}`,
        problems,
        {},
        { lint },
      );
    }
    const template = await this.repository.create(draft, request.activate ?? false, actor);
    if (template.active) this.cache.invalidate(template.key, 'local-change');
    return { template, lint };
  }

  async activate(key: string, locale: string, version: number, actor?: string): Promise<TemplateVersion> {
    const template = await this.repository.activate(key, locale, version, actor);
    if (!template)
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `no template ${key}/${locale} version ${version}`, [
        { field: 'version', reason: 'does not exist' },
      ]);
    // This replica drops its copy now; the others hear the NOTIFY sent by the same transaction.
    this.cache.invalidate(key, 'local-change');
    return template;
  }

  list(filter: TemplateFilter): Promise<TemplateVersion[]> {
    return this.repository.list(filter);
  }

  async versionsOf(key: string): Promise<TemplateVersion[]> {
    const versions = await this.repository.list({ key });
    if (versions.length === 0) throw new ApiError(HttpStatus.NOT_FOUND, 'UNKNOWN_TEMPLATE', `no template ${key}`);
    return versions;
  }

  /**
   * A draft rendered with its declared samples and linted, nothing saved: the operator console's live
   * preview while a body is edited. Lint problems are returned, not refused (the save refuses them).
   */
  draftPreview(request: CreateTemplateRequest): DraftPreviewResult {
    const draft = draftOf(request);
    const { problems, worst } = lintTemplate(this.engine, draft);
    const compiled = this.engine.compileOrFailure(draft.body);
    if (compiled.failure) return { problems, worst };
    const template: CompiledTemplate = {
      ...draft,
      version: 0,
      active: false,
      createdAt: new Date(0).toISOString(),
      compiled,
    };
    const variables = scenarioContext(template, 'samples');
    const context = buildRenderContext({
      variables,
      brand: typeof variables.brand === 'string' ? variables.brand : 'Brand',
    });
    try {
      const { text, analysis, transliterated } = renderBody(
        this.engine,
        template,
        context,
        recipientFormat(draft.locale, undefined, ''),
      );
      return {
        problems,
        worst,
        preview: {
          body: text,
          ...analysis,
          transliterated,
          maxSegments: draft.maxSegments,
          withinMaxSegments: analysis.segments <= draft.maxSegments,
        },
      };
    } catch (e) {
      if (!(e instanceof HeraldError)) throw e;
      return { problems: [...problems, { field: 'body', reason: e.message }], worst };
    }
  }

  /** Renders with the declared samples (overridden by `variables`); a body over maxSegments is reported, not refused. */
  async preview(key: string, request: PreviewTemplateRequest): Promise<PreviewResult> {
    const template = await this.templateForPreview(key, request);
    const variables = deepMerge(scenarioContext(template, 'samples'), request.variables ?? {});
    // A preview sends nothing, so its brand may come from the sample (or the operator's variables).
    const context = buildRenderContext({
      variables,
      brand: typeof variables.brand === 'string' ? variables.brand : 'Brand',
    });
    try {
      const { text, analysis, transliterated } = renderBody(
        this.engine,
        template,
        context,
        recipientFormat(request.locale, request.timezone, ''),
      );
      return {
        key,
        locale: template.locale,
        requestedLocale: request.locale,
        version: template.version,
        body: text,
        ...analysis,
        transliterated,
        maxSegments: template.maxSegments,
        withinMaxSegments: analysis.segments <= template.maxSegments,
      };
    } catch (e) {
      if (!(e instanceof HeraldError)) throw e;
      const variable = e.details?.variable as string | undefined;
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, e.code, e.message, [
        { field: variable ? `variables.${variable}` : 'body', reason: e.message },
      ]);
    }
  }

  private async templateForPreview(key: string, request: PreviewTemplateRequest): Promise<CompiledTemplate> {
    try {
      if (request.version === undefined) {
        return selectTemplate(
          key,
          request.locale,
          (await this.cache.lookupFor([key]))(key),
          this.config.TEMPLATING_DEFAULT_LOCALE,
        );
      }
      // A given version may not be active yet: previewing before activating is the point.
      for (const locale of localeChain(request.locale, this.config.TEMPLATING_DEFAULT_LOCALE)) {
        const version = await this.repository.findVersion(key, locale, request.version);
        if (version) return this.cache.compile(version);
      }
      throw new HeraldError(
        'UNKNOWN_TEMPLATE',
        `no template ${key} version ${request.version} for locales ${localeChain(request.locale, this.config.TEMPLATING_DEFAULT_LOCALE).join(' -> ')}`,
      );
    } catch (e) {
      if (e instanceof HeraldError && e.code === 'UNKNOWN_TEMPLATE')
        throw new ApiError(HttpStatus.NOT_FOUND, e.code, e.message);
      throw e;
    }
  }
}

/** A create request as the draft the lint and the repository take. */
function draftOf(request: CreateTemplateRequest): TemplateDraft {
  const draft: TemplateDraft = {
    key: request.key,
    locale: request.locale,
    body: request.body,
    senderProfile: request.senderProfile,
    category: request.category,
    maxSegments: request.maxSegments ?? DEFAULT_MAX_SEGMENTS,
    variables: (request.variables ?? {}) as TemplateDraft['variables'],
    transliterate: request.transliterate ?? true,
  };
  if (request.registeredTemplateId) draft.registeredTemplateId = request.registeredTemplateId;
  return draft;
}
