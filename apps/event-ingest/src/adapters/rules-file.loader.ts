import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DomainTopics, HeraldError } from '@herald/contracts';
import { parseNotificationRules } from '../domain/notification-rules.parser';
import type { NotificationRules } from '../domain/notification-rules';

/** Reads and validates the rules file once, at start; any problem is one CONFIG_INVALID line. */
export function loadNotificationRules(file: string): NotificationRules {
  const resolved = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8');
  } catch (e) {
    throw new HeraldError('CONFIG_INVALID', `cannot read notification rules ${resolved} (INGEST_RULES_FILE): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HeraldError('CONFIG_INVALID', `notification rules ${resolved} is not valid JSON: ${(e as Error).message}`);
  }
  return parseNotificationRules(doc, new Set(DomainTopics), resolved);
}
