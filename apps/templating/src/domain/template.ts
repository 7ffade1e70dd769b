import type { MessageCategory } from '@herald/contracts';

/** What the template author promises about one variable: the lint fills it to `maxLength`. */
export interface DeclaredVariable {
  maxLength: number;
  /** Rendered into the body but never logged or stored in clear (OTP codes). */
  secret?: boolean;
  /** A realistic value used by preview and lint; any JSON (money objects, ISO timestamps, arrays). */
  sample: unknown;
}

/** Dotted variable name (`customer.firstName`) -> declaration. */
export type DeclaredVariables = Record<string, DeclaredVariable>;

/** The fields an operator writes; key + locale + version identify one immutable version. */
export interface TemplateDraft {
  key: string;
  locale: string;
  body: string;
  senderProfile: string;
  category: MessageCategory;
  registeredTemplateId?: string;
  maxSegments: number;
  variables: DeclaredVariables;
  transliterate: boolean;
}

export interface TemplateVersion extends TemplateDraft {
  version: number;
  active: boolean;
  createdAt: string;
  activatedAt?: string;
  /** Who saved it and who last activated it (X-Herald-Operator: the operator console's operator); absent when unnamed. */
  createdBy?: string;
  activatedBy?: string;
}

/** `order.placed/fr v3`; version 0 is a draft being linted before it is saved. */
export function templateLabel(t: { key: string; locale: string; version?: number }): string {
  if (t.version === undefined) return `${t.key}/${t.locale}`;
  return t.version === 0 ? `${t.key}/${t.locale} draft` : `${t.key}/${t.locale} v${t.version}`;
}
