import type { SmsEncoding } from '@herald/sms-encoding';
import { HeraldError } from '@herald/contracts';
import { checkDeclaredVariables, isDeclared, maxLengthValue, type FieldProblem } from './declared-variables';
import { setPath, type RenderContext } from './render-context';
import { renderBody, type CompiledTemplate } from './render-message';
import type { TemplateDraft } from './template';
import type { CompiledBody, TemplateEngine } from './template-engine';

/**
 * samples: every declared variable at its sample. max-length: text variables filled with 'a' up to
 * maxLength (the longest GSM-7 text). max-length-sample-chars: the sample's own characters repeated
 * up to maxLength, so a sample with non-GSM letters shows its UCS-2 worst case.
 */
export const LINT_SCENARIOS = ['samples', 'max-length', 'max-length-sample-chars'] as const;
export type LintScenario = (typeof LINT_SCENARIOS)[number];

export interface ScenarioResult {
  scenario: LintScenario;
  encoding: SmsEncoding;
  segments: number;
  characters: number;
  nonGsmChars: string[];
}

export interface LintReport {
  problems: FieldProblem[];
  scenarios: ScenarioResult[];
  worst?: ScenarioResult;
}

// Lint runs in UTC: date filters output the same length whatever the zone.
const LINT_TIME_ZONE = 'UTC';

export function scenarioContext(draft: Pick<TemplateDraft, 'variables'>, scenario: LintScenario): RenderContext {
  let context: RenderContext = {};
  for (const [name, { sample, maxLength }] of Object.entries(draft.variables)) {
    const value =
      scenario === 'samples' ? sample : maxLengthValue(sample, maxLength, scenario === 'max-length' ? 'a' : 'sample');
    context = setPath(context, name, value);
  }
  return context;
}

/** Save-time checks: the body compiles, reads only declared variables, renders with its samples, and fits maxSegments at worst. */
export function lintTemplate(engine: TemplateEngine, draft: TemplateDraft): LintReport {
  const problems = checkDeclaredVariables(draft.variables);
  if (problems.length > 0) return { problems, scenarios: [] };
  let compiled: CompiledBody;
  try {
    compiled = engine.compile(draft.body);
  } catch (e) {
    return { problems: [{ field: 'body', reason: (e as Error).message }], scenarios: [] };
  }
  for (const used of compiled.variables) {
    if (!isDeclared(used, draft.variables))
      problems.push({ field: 'body', reason: `uses ${used}, which is not declared in variables` });
  }
  if (problems.length > 0) return { problems, scenarios: [] };

  const template: CompiledTemplate = { ...draft, version: 0, active: false, createdAt: '', compiled };
  const recipient = { locale: draft.locale, timeZone: LINT_TIME_ZONE };
  const scenarios: ScenarioResult[] = [];
  for (const scenario of LINT_SCENARIOS) {
    try {
      const { analysis } = renderBody(engine, template, scenarioContext(draft, scenario), recipient);
      scenarios.push({
        scenario,
        encoding: analysis.encoding,
        segments: analysis.segments,
        characters: analysis.characters,
        nonGsmChars: analysis.nonGsmChars,
      });
    } catch (e) {
      problems.push(renderProblem(e, scenario));
      return { problems, scenarios };
    }
  }
  const worst = scenarios.reduce((a, b) =>
    b.segments > a.segments || (b.segments === a.segments && b.characters > a.characters) ? b : a,
  );
  if (worst.segments > draft.maxSegments) {
    problems.push({
      field: 'maxSegments',
      reason: `worst case (${worst.scenario}) is ${worst.segments} segments (${worst.encoding}, ${worst.characters} characters), over maxSegments ${draft.maxSegments}`,
    });
  }
  return { problems, scenarios, worst };
}

function renderProblem(e: unknown, scenario: LintScenario): FieldProblem {
  const message = e instanceof Error ? e.message : String(e);
  const variable = e instanceof HeraldError ? (e.details?.variable as string | undefined) : undefined;
  const field = variable ? `variables.${variable}` : 'body';
  return {
    field,
    reason:
      scenario === 'samples'
        ? `cannot render with the samples: ${message}`
        : `cannot render with variables at ${scenario}: ${message}`,
  };
}
