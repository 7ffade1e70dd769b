import { AccountSecurityAlertV1 } from './dto/account-security-alert.v1';
import { AppointmentReminderV1 } from './dto/appointment-reminder.v1';
import { AuthOtpRequestedV1 } from './dto/auth-otp-requested.v1';
import { BookingCancelledV1 } from './dto/booking-cancelled.v1';
import { BookingConfirmedV1 } from './dto/booking-confirmed.v1';
import { CarrierInboundV1 } from './dto/carrier-inbound.v1';
import { CarrierReceiptV1 } from './dto/carrier-receipt.v1';
import { CustomerRegisteredV1 } from './dto/customer-registered.v1';
import { OrderCancelledV1 } from './dto/order-cancelled.v1';
import { OrderDeliveredV1 } from './dto/order-delivered.v1';
import { OrderPlacedV1 } from './dto/order-placed.v1';
import { OrderShippedV1 } from './dto/order-shipped.v1';
import { PaymentFailedV1 } from './dto/payment-failed.v1';
import { SmsApprovedV1 } from './dto/sms-approved.v1';
import { SmsOptoutV1 } from './dto/sms-optout.v1';
import { SmsReceiptV1 } from './dto/sms-receipt.v1';
import { SmsRenderedV1 } from './dto/sms-rendered.v1';
import { SmsRequestedV1 } from './dto/sms-requested.v1';
import { SmsStatusV1 } from './dto/sms-status.v1';
import { TopicName, Topics } from './topics';

/** The payload type of each topic: the record value in binary mode, `data` in structured mode. */
export interface TopicPayloads {
  [Topics.SmsRequestedV1]: SmsRequestedV1;
  [Topics.SmsRenderedV1]: SmsRenderedV1;
  [Topics.SmsApprovedV1]: SmsApprovedV1;
  [Topics.SmsStatusV1]: SmsStatusV1;
  [Topics.CarrierReceiptsV1]: CarrierReceiptV1;
  [Topics.CarrierInboundV1]: CarrierInboundV1;
  [Topics.SmsOptoutsV1]: SmsOptoutV1;
  [Topics.SmsReceiptsV1]: SmsReceiptV1;
  [Topics.OrderPlaced]: OrderPlacedV1;
  [Topics.OrderShipped]: OrderShippedV1;
  [Topics.OrderDelivered]: OrderDeliveredV1;
  [Topics.OrderCancelled]: OrderCancelledV1;
  [Topics.PaymentFailed]: PaymentFailedV1;
  [Topics.BookingConfirmed]: BookingConfirmedV1;
  [Topics.BookingCancelled]: BookingCancelledV1;
  [Topics.AppointmentReminder]: AppointmentReminderV1;
  [Topics.AuthOtpRequested]: AuthOtpRequestedV1;
  [Topics.AccountSecurityAlert]: AccountSecurityAlertV1;
  [Topics.CustomerRegistered]: CustomerRegisteredV1;
}

export type PayloadOf<T extends TopicName> = TopicPayloads[T];

export const TopicSchemas: { [K in TopicName]: new () => TopicPayloads[K] } = {
  [Topics.SmsRequestedV1]: SmsRequestedV1,
  [Topics.SmsRenderedV1]: SmsRenderedV1,
  [Topics.SmsApprovedV1]: SmsApprovedV1,
  [Topics.SmsStatusV1]: SmsStatusV1,
  [Topics.CarrierReceiptsV1]: CarrierReceiptV1,
  [Topics.CarrierInboundV1]: CarrierInboundV1,
  [Topics.SmsOptoutsV1]: SmsOptoutV1,
  [Topics.SmsReceiptsV1]: SmsReceiptV1,
  [Topics.OrderPlaced]: OrderPlacedV1,
  [Topics.OrderShipped]: OrderShippedV1,
  [Topics.OrderDelivered]: OrderDeliveredV1,
  [Topics.OrderCancelled]: OrderCancelledV1,
  [Topics.PaymentFailed]: PaymentFailedV1,
  [Topics.BookingConfirmed]: BookingConfirmedV1,
  [Topics.BookingCancelled]: BookingCancelledV1,
  [Topics.AppointmentReminder]: AppointmentReminderV1,
  [Topics.AuthOtpRequested]: AuthOtpRequestedV1,
  [Topics.AccountSecurityAlert]: AccountSecurityAlertV1,
  [Topics.CustomerRegistered]: CustomerRegisteredV1,
};
