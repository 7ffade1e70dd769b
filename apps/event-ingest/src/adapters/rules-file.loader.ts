import { DomainTopics } from '@herald/contracts';
import { loadDataFile } from '@herald/data-files';
import { RULES_FILE_KEY, notificationRulesSchema, toNotificationRules } from '../domain/notification-rules.parser';
import type { NotificationRules } from '../domain/notification-rules';

/** Reads and validates the rules file once, at start; any problem is one CONFIG_INVALID line. */
export function loadNotificationRules(file: string): NotificationRules {
  return toNotificationRules(loadDataFile(file, RULES_FILE_KEY, notificationRulesSchema(new Set(DomainTopics))));
}
