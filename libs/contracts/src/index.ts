import 'reflect-metadata';

export * from './lib/topics';
export * from './lib/topic-specs';
export * from './lib/errors';
export * from './lib/brands';
export * from './lib/envelope';
export * from './lib/traceparent';
export { RandomPool } from './lib/random-pool';
export * from './lib/ids';
export * from './lib/validation';
export * from './lib/topic-schemas';
export * from './lib/message-status';
export * from './lib/json-schema';

export * from './lib/dto/common/enums';
export { CustomerDto } from './lib/dto/common/customer.dto';
export { CURRENCY_PATTERN, DECIMAL_AMOUNT_PATTERN, MoneyDto } from './lib/dto/common/money.dto';
export { RecipientDto } from './lib/dto/common/recipient.dto';
export { SourceEventDto } from './lib/dto/common/source-event.dto';
export {
  COUNTRY_PATTERN,
  ID_MAX_LENGTH,
  LOCALE_PATTERN,
  RECIPIENT_TOKEN_PATTERN,
  TEMPLATE_KEY_PATTERN,
} from './lib/dto/common/field.decorators';

export * from './lib/dto/order-placed.v1';
export * from './lib/dto/order-shipped.v1';
export * from './lib/dto/order-delivered.v1';
export * from './lib/dto/order-cancelled.v1';
export * from './lib/dto/payment-failed.v1';
export * from './lib/dto/booking-confirmed.v1';
export * from './lib/dto/booking-cancelled.v1';
export * from './lib/dto/appointment-reminder.v1';
export * from './lib/dto/auth-otp-requested.v1';
export * from './lib/dto/account-security-alert.v1';
export * from './lib/dto/customer-registered.v1';
export * from './lib/dto/sms-message.base';
export * from './lib/dto/sms-requested.v1';
export * from './lib/dto/sms-rendered.v1';
export * from './lib/dto/sms-approved.v1';
export * from './lib/dto/common/message-meta.dto';
export * from './lib/dto/sms-status.v1';
export * from './lib/dto/carrier-receipt.v1';
export * from './lib/dto/carrier-inbound.v1';
export * from './lib/dto/sms-optout.v1';
export * from './lib/dto/sms-receipt.v1';
