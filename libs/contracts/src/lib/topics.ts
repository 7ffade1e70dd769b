export const Topics = {
  SmsRequestedV1: 'sms.requested.v1',
  SmsRenderedV1: 'sms.rendered.v1',
  SmsApprovedV1: 'sms.approved.v1',
  SmsStatusV1: 'sms.status.v1',
  CarrierReceiptsV1: 'carrier.receipts.v1',
  CarrierInboundV1: 'carrier.inbound.v1',
  SmsOptoutsV1: 'sms.optouts.v1',
  SmsReceiptsV1: 'sms.receipts.v1',
  OrderPlaced: 'order.placed',
  OrderShipped: 'order.shipped',
  OrderDelivered: 'order.delivered',
  OrderCancelled: 'order.cancelled',
  PaymentFailed: 'payment.failed',
  BookingConfirmed: 'booking.confirmed',
  BookingCancelled: 'booking.cancelled',
  AppointmentReminder: 'appointment.reminder',
  AuthOtpRequested: 'auth.otp_requested',
  AccountSecurityAlert: 'account.security_alert',
  CustomerRegistered: 'customer.registered',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Topics published by e-commerce and booking systems; their CloudEvent `type` equals the topic. */
export const DomainTopics = [
  Topics.OrderPlaced,
  Topics.OrderShipped,
  Topics.OrderDelivered,
  Topics.OrderCancelled,
  Topics.PaymentFailed,
  Topics.BookingConfirmed,
  Topics.BookingCancelled,
  Topics.AppointmentReminder,
  Topics.AuthOtpRequested,
  Topics.AccountSecurityAlert,
  Topics.CustomerRegistered,
] as const;

export type DomainTopicName = (typeof DomainTopics)[number];

const domainTopicSet: ReadonlySet<string> = new Set(DomainTopics);
const topicNameSet: ReadonlySet<string> = new Set(Object.values(Topics));

export function isDomainTopic(name: string): name is DomainTopicName {
  return domainTopicSet.has(name);
}

export function isTopicName(name: string): name is TopicName {
  return topicNameSet.has(name);
}

export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
