import type { SmsStatusV1 } from '@herald/contracts';

/** The output every contender produces for one input: same shape, same size, same topic. */
export function benchStatus(eventId: string, service: string): SmsStatusV1 {
  return {
    messageId: '00000000-0000-5000-8000-000000000000',
    status: 'accepted',
    service,
    at: new Date().toISOString(),
    meta: {
      sourceEventId: eventId,
      sourceEventType: 'order.placed',
      templateKey: 'order.placed',
      locale: 'fr-FR',
      category: 'transactional',
      country: 'FR',
      recipientToken: 'a'.repeat(64),
    },
  } as SmsStatusV1;
}
