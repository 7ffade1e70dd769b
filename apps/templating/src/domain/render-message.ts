import { HeraldError } from '@herald/contracts';
import { defaultTimezoneFor } from '@herald/phone';
import type { RecipientFormat } from './format-filters';
import { localeChain, pickByLocale } from './locale-chain';
import { buildRenderContext, type RenderContext } from './render-context';
import { assertWithinSegments, encodeBody, type EncodedBody } from './sms-body';
import { templateLabel, type TemplateVersion } from './template';
import { checkVariables } from './variable-check';
import type { CompiledBody, TemplateEngine } from './template-engine';

export interface CompiledTemplate extends TemplateVersion {
  compiled: CompiledBody;
}

/** The active template of each locale of one key. */
export type LocaleTemplates = ReadonlyMap<string, CompiledTemplate>;

/** Active templates by key; undefined for a key that has none. */
export type TemplateLookup = (key: string) => LocaleTemplates | undefined;

export interface RenderInput {
  templateKey: string;
  /** The recipient's locale: picks the template through the fallback chain and formats money and dates. */
  locale: string;
  timezone?: string;
  country: string;
  /** The display name of the message's brand (brands file); `{{ brand }}` prints it whatever the variables say. */
  brand: string;
  variables: RenderContext;
  secrets?: RenderContext;
}

export interface RenderedBody {
  template: CompiledTemplate;
  body: EncodedBody;
}

/** An explicit zone wins; else the country's usual zone; UTC only when the country is unknown. */
export function recipientFormat(locale: string, timezone: string | undefined, country: string): RecipientFormat {
  return { locale, timeZone: timezone || defaultTimezoneFor(country) || 'UTC' };
}

export function selectTemplate(
  key: string,
  locale: string,
  templates: LocaleTemplates | undefined,
  defaultLocale: string,
): CompiledTemplate {
  const chain = localeChain(locale, defaultLocale);
  const picked = pickByLocale(chain, templates);
  if (!picked) throw new HeraldError('UNKNOWN_TEMPLATE', `no active template ${key} for locales ${chain.join(' -> ')}`);
  return picked.value;
}

/** Renders and encodes one body; errors keep their code and name the template version. */
export function renderBody(
  engine: TemplateEngine,
  template: CompiledTemplate,
  context: RenderContext,
  recipient: RecipientFormat,
): EncodedBody {
  try {
    return encodeBody(engine.render(template.compiled, context, recipient), { transliterate: template.transliterate });
  } catch (e) {
    if (!(e instanceof HeraldError)) throw e;
    throw new HeraldError(e.code, `${templateLabel(template)}: ${e.message}`, { cause: e, details: e.details });
  }
}

/** sms.requested.v1 -> body: pick the template, check declared variables, render strictly, encode, enforce the segment limit. */
export function renderMessage(
  engine: TemplateEngine,
  input: RenderInput,
  lookup: TemplateLookup,
  defaultLocale: string,
): RenderedBody {
  const template = selectTemplate(input.templateKey, input.locale, lookup(input.templateKey), defaultLocale);
  const context = buildRenderContext({ variables: input.variables, secrets: input.secrets, brand: input.brand });
  checkVariables(template.variables, context, templateLabel(template));
  const body = renderBody(engine, template, context, recipientFormat(input.locale, input.timezone, input.country));
  assertWithinSegments(body, template.maxSegments, templateLabel(template));
  return { template, body };
}
