import type { SmsRequestedV1 } from '@herald/contracts';
import type { PlannedNotification, SourceEventRef } from './planned-notification';

export interface BuildDeps {
  /** PiiCipher.encrypt: the number and the secrets leave this service only as ciphertext. */
  encrypt: (plain: string) => string;
  now: Date;
  service: string;
}

/** `expiresAt` comes from judgeEventAge: counted from the event's time, not from now. */
export function buildSmsRequested(
  event: SourceEventRef,
  n: PlannedNotification,
  deps: BuildDeps,
  expiresAt: Date,
): SmsRequestedV1 {
  const requestedAt = deps.now.toISOString();
  const request: SmsRequestedV1 = {
    messageId: n.messageId,
    sourceEvent: { id: event.id, type: event.type, source: event.source, time: event.time },
    templateKey: n.templateKey,
    category: n.category,
    recipient: { token: n.recipient.token, phoneEnc: deps.encrypt(n.recipient.e164), country: n.recipient.country },
    locale: n.locale,
    variables: n.variables,
    brand: n.brand,
    ttlSeconds: n.ttlSeconds,
    expiresAt: expiresAt.toISOString(),
    requestedAt,
    priority: n.priority,
  };
  if (n.timezone !== undefined) request.timezone = n.timezone;
  if (n.secrets !== undefined && n.secretVariables !== undefined) {
    request.secretsEnc = deps.encrypt(JSON.stringify(n.secrets));
    request.secretVariables = n.secretVariables;
  }
  return request;
}
