import { loadDataFile } from '@herald/data-files';
import type { ComplianceRules } from '../domain/rules/compliance-rules';
import { COMPLIANCE_RULES_FILE_KEY, complianceRulesSchema, toComplianceRules } from '../domain/rules/parse-rules';

/** Reads and validates the rules file; any problem is one CONFIG_INVALID line naming the file and the first error. */
export function loadRulesFile(path: string): ComplianceRules {
  return toComplianceRules(loadDataFile(path, COMPLIANCE_RULES_FILE_KEY, complianceRulesSchema));
}
