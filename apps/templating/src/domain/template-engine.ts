import { Liquid, UndefinedVariableError, type Template } from 'liquidjs';
import { HeraldError, isHeraldError } from '@herald/contracts';
import { formatDateTime, formatMoney, type DateKind, type RecipientFormat } from './format-filters';
import type { RenderContext } from './render-context';

/** A parsed body, ready to render many times; parse once per template version. */
export interface CompiledBody {
  readonly templates: Template[];
  /** Dotted names of the context variables the body reads (`customer.firstName`, `total`). */
  readonly variables: readonly string[];
  /** Set when a stored body no longer compiles: rendering it fails instead of falling back to another locale. */
  readonly failure?: string;
}

// Filters read the recipient from the scope under a symbol, which template code cannot name.
const RECIPIENT = Symbol('herald.recipient');
const DATE_KINDS: readonly DateKind[] = ['date', 'datetime', 'time'];
const FILE_TAGS = ['include', 'render', 'layout'];

interface FilterThis {
  context: { environments: object };
}

function recipientOf(self: FilterThis): RecipientFormat {
  return (self.context.environments as { [RECIPIENT]: RecipientFormat })[RECIPIENT];
}

// Runs on every {{ output }}: a null or an object printed as-is would put "" or "[object Object]"
// into an SMS, which is a half-rendered message, so both are errors.
function checkOutput(value: unknown): string {
  if (value === null || value === undefined)
    throw new HeraldError('MISSING_VARIABLE', 'an output of the template is null in the event');
  if (typeof value === 'object') {
    throw new HeraldError(
      'TEMPLATE_RENDER_FAILED',
      'the template prints an object or a list as-is; use a filter such as money or join',
    );
  }
  return String(value);
}

/**
 * LiquidJS in strict mode: an unknown variable or filter is an error, never an empty string.
 * Variable values are data, so Liquid syntax inside them is printed, never evaluated. No file
 * system access (include/render/layout are refused) and bounded render time and memory.
 */
export class TemplateEngine {
  private readonly liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    cache: false,
    outputEscape: checkOutput,
    parseLimit: 20_000,
    renderLimit: 200,
    memoryLimit: 1_000_000,
  });

  constructor() {
    this.liquid.registerFilter('money', function (this: FilterThis, value: unknown) {
      return formatMoney(value, recipientOf(this).locale);
    });
    for (const kind of DATE_KINDS) {
      this.liquid.registerFilter(kind, function (this: FilterThis, value: unknown, style?: unknown) {
        return formatDateTime(value, kind, style, recipientOf(this));
      });
    }
    // The builtin `raw` would skip checkOutput; as a plain identity filter it does not.
    this.liquid.registerFilter('raw', (value: unknown) => value);
    for (const name of FILE_TAGS) {
      this.liquid.registerTag(name, {
        parse() {
          throw new Error(`{% ${name} %} is not allowed in SMS templates`);
        },
        render() {
          return undefined;
        },
      });
    }
  }

  /** Never throws: a body that does not compile renders as TEMPLATE_RENDER_FAILED. */
  compileOrFailure(body: string): CompiledBody {
    try {
      return this.compile(body);
    } catch (e) {
      return { templates: [], variables: [], failure: (e as Error).message };
    }
  }

  /** Throws TEMPLATE_RENDER_FAILED with the parser's line and column for a syntax error. */
  compile(body: string): CompiledBody {
    try {
      const templates = this.liquid.parse(body);
      return { templates, variables: this.liquid.globalFullVariablesSync(templates) };
    } catch (e) {
      throw new HeraldError('TEMPLATE_RENDER_FAILED', `template syntax: ${firstLine(e)}`, { cause: e });
    }
  }

  /**
   * Throws MISSING_VARIABLE or TEMPLATE_RENDER_FAILED; messages name variables, never their values.
   * The render limit is wall-clock time, so a process the OS does not schedule for 200 ms (a busy
   * node, a GC pause) can hit it on a body that renders in microseconds: a render that hits it is
   * tried again, and only a body over the limit RENDER_ATTEMPTS times in a row fails.
   */
  render(compiled: CompiledBody, context: RenderContext, recipient: RecipientFormat): string {
    if (compiled.failure !== undefined) throw new HeraldError('TEMPLATE_RENDER_FAILED', compiled.failure);
    for (let attempt = 1; ; attempt++) {
      try {
        return this.liquid.renderSync(compiled.templates, { ...context, [RECIPIENT]: recipient }) as string;
      } catch (e) {
        if (attempt < RENDER_ATTEMPTS && isRenderLimit(e)) continue;
        throw toRenderError(e);
      }
    }
  }
}

const RENDER_ATTEMPTS = 3;

function isRenderLimit(e: unknown): boolean {
  return /template render limit exceeded/.test(firstLine(e));
}

function toRenderError(e: unknown): HeraldError {
  if (isHeraldError(e)) return e;
  const original = (e as { originalError?: unknown }).originalError;
  const where = /line:\d+, col:\d+/.exec(firstLine(e))?.[0];
  if (e instanceof UndefinedVariableError) {
    const name = (original as { variableName?: string } | undefined)?.variableName ?? '?';
    return new HeraldError('MISSING_VARIABLE', `variable ${name} is not in the event (${where})`, {
      details: { variable: name },
    });
  }
  if (isHeraldError(original))
    return new HeraldError(original.code, `${original.message} (${where})`, { cause: original });
  return new HeraldError('TEMPLATE_RENDER_FAILED', firstLine(e), { cause: e });
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
