export const COMPLIANCE_RULES = Symbol('COMPLIANCE_RULES');
export const PII_CIPHER = Symbol('PII_CIPHER');
