import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '@herald/service-kit';
import type { ComplianceRules } from '../domain/rules/compliance-rules';
import { parseRules } from '../domain/rules/parse-rules';

const KEY = 'COMPLIANCE_RULES_FILE';

/** Reads and validates the rules file; any problem is one ConfigError line naming the file and the first error. */
export function loadRulesFile(path: string): ComplianceRules {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(KEY, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(KEY, `${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseRules(json);
  if (parsed.ok) return parsed.rules;
  const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more problem(s))` : '';
  throw new ConfigError(KEY, `${file}: ${parsed.errors[0]}${more}`);
}
