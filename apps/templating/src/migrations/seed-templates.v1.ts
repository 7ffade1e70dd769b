import type { DeclaredVariable, DeclaredVariables, TemplateDraft } from '../domain/template';

// Frozen data of the SeedTemplates migration: change a seeded text with a new version through the
// admin API (or a new migration), never by editing this file after it shipped.

const v = (maxLength: number, sample: unknown, secret?: boolean): DeclaredVariable =>
  secret ? { maxLength, sample, secret } : { maxLength, sample };

const common: DeclaredVariables = {
  brand: v(20, 'Maison Durand'),
  'customer.firstName': v(20, 'Amélie'),
};
const order: DeclaredVariables = { ...common, orderId: v(20, '10023') };

type Seed = Omit<TemplateDraft, 'locale' | 'body' | 'transliterate'> & { bodies: { en: string; fr: string } };

const seeds: Seed[] = [
  {
    key: 'order.placed',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 3,
    variables: {
      ...order,
      total: v(16, { amount: '49.90', currency: 'EUR' }),
      trackingUrl: v(100, 'https://track.example/10023'),
    },
    bodies: {
      en: "{{ brand }}: Hi {{ customer.firstName | default: 'there' }}, your order {{ orderId }} for {{ total | money }} is confirmed.{% if trackingUrl %} Track it: {{ trackingUrl }}{% endif %}",
      fr: '{{ brand }} : Bonjour{% if customer.firstName %} {{ customer.firstName }}{% endif %}, votre commande {{ orderId }} de {{ total | money }} est confirmée.{% if trackingUrl %} Suivi : {{ trackingUrl }}{% endif %}',
    },
  },
  {
    key: 'order.shipped',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 3,
    variables: {
      ...order,
      'shipment.carrier': v(20, 'Colissimo'),
      'shipment.trackingNumber': v(30, '6A12345678901'),
      'shipment.trackingUrl': v(100, 'https://track.example/6A12345678901'),
      'shipment.estimatedDelivery': v(30, '2025-03-04T18:00:00Z'),
    },
    bodies: {
      en: '{{ brand }}: Your order {{ orderId }} has shipped with {{ shipment.carrier }}.{% if shipment.estimatedDelivery %} Expected {{ shipment.estimatedDelivery | date }}.{% endif %} Tracking: {{ shipment.trackingUrl | default: shipment.trackingNumber }}',
      fr: '{{ brand }} : Votre commande {{ orderId }} a été expédiée par {{ shipment.carrier }}.{% if shipment.estimatedDelivery %} Livraison prévue le {{ shipment.estimatedDelivery | date }}.{% endif %} Suivi : {{ shipment.trackingUrl | default: shipment.trackingNumber }}',
    },
  },
  {
    key: 'order.delivered',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 2,
    variables: { ...order, deliveredAt: v(30, '2025-03-05T11:42:00Z') },
    bodies: {
      en: '{{ brand }}: Your order {{ orderId }} was delivered on {{ deliveredAt | datetime }}. Enjoy{% if customer.firstName %}, {{ customer.firstName }}{% endif %}!',
      fr: '{{ brand }} : Votre commande {{ orderId }} a été livrée le {{ deliveredAt | datetime }}. Bonne journée{% if customer.firstName %} {{ customer.firstName }}{% endif %} !',
    },
  },
  {
    key: 'order.cancelled',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 2,
    variables: { ...order, refund: v(16, { amount: '49.90', currency: 'EUR' }) },
    bodies: {
      en: '{{ brand }}: Your order {{ orderId }} has been cancelled.{% if refund %} A refund of {{ refund | money }} is on its way.{% endif %}',
      fr: '{{ brand }} : Votre commande {{ orderId }} a été annulée.{% if refund %} Un remboursement de {{ refund | money }} est en cours.{% endif %}',
    },
  },
  {
    key: 'payment.failed',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 3,
    variables: {
      ...order,
      invoiceId: v(20, 'INV-2025-0042'),
      amount: v(16, { amount: '19.99', currency: 'EUR' }),
      retryUrl: v(60, 'https://pay.example/retry/10023'),
    },
    bodies: {
      en: "{{ brand }}: We couldn't process your payment of {{ amount | money }}{% if orderId %} for order {{ orderId }}{% elsif invoiceId %} for invoice {{ invoiceId }}{% endif %}.{% if retryUrl %} Update it here: {{ retryUrl }}{% endif %}",
      fr: "{{ brand }} : Votre paiement de {{ amount | money }}{% if orderId %} pour la commande {{ orderId }}{% elsif invoiceId %} pour la facture {{ invoiceId }}{% endif %} n'a pas abouti.{% if retryUrl %} Réessayez ici : {{ retryUrl }}{% endif %}",
    },
  },
  {
    key: 'booking.confirmed',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 3,
    variables: {
      ...common,
      bookingId: v(20, 'BK-7781'),
      'booking.startsAt': v(30, '2025-03-08T19:30:00Z'),
      'booking.service': v(40, 'Dîner'),
      'booking.location': v(60, '12 rue des Lilas, Lyon'),
      'booking.partySize': v(4, 4),
    },
    bodies: {
      en: "{{ brand }}: Hi {{ customer.firstName | default: 'there' }}, your booking{% if booking.service %} for {{ booking.service }}{% endif %} on {{ booking.startsAt | datetime }} is confirmed{% if booking.partySize %} (party of {{ booking.partySize }}){% endif %}.{% if booking.location %} Where: {{ booking.location }}.{% endif %} Ref {{ bookingId }}",
      fr: '{{ brand }} : Bonjour{% if customer.firstName %} {{ customer.firstName }}{% endif %}, votre réservation{% if booking.service %} ({{ booking.service }}){% endif %} du {{ booking.startsAt | datetime }} est confirmée{% if booking.partySize > 1 %} pour {{ booking.partySize }} personnes{% endif %}.{% if booking.location %} Adresse : {{ booking.location }}.{% endif %} Réf. {{ bookingId }}',
    },
  },
  {
    key: 'booking.cancelled',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 2,
    variables: { ...common, bookingId: v(20, 'BK-7781'), 'booking.startsAt': v(30, '2025-03-08T19:30:00Z') },
    bodies: {
      en: '{{ brand }}: Your booking {{ bookingId }} on {{ booking.startsAt | datetime }} has been cancelled.',
      fr: '{{ brand }} : Votre réservation {{ bookingId }} du {{ booking.startsAt | datetime }} a été annulée.',
    },
  },
  {
    key: 'appointment.reminder',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 3,
    variables: {
      ...common,
      appointmentId: v(20, 'APT-301'),
      'appointment.startsAt': v(30, '2025-03-10T08:15:00Z'),
      'appointment.provider': v(40, 'Dr Martin'),
      'appointment.location': v(60, '3 place Bellecour, Lyon'),
    },
    bodies: {
      en: "{{ brand }}: Hi {{ customer.firstName | default: 'there' }}, a reminder of your appointment{% if appointment.provider %} with {{ appointment.provider }}{% endif %} on {{ appointment.startsAt | datetime }}.{% if appointment.location %} Address: {{ appointment.location }}{% endif %}",
      fr: '{{ brand }} : Bonjour{% if customer.firstName %} {{ customer.firstName }}{% endif %}, rappel de votre rendez-vous{% if appointment.provider %} avec {{ appointment.provider }}{% endif %} le {{ appointment.startsAt | datetime }}.{% if appointment.location %} Adresse : {{ appointment.location }}{% endif %}',
    },
  },
  {
    key: 'auth.otp_requested',
    category: 'otp',
    senderProfile: 'otp-default',
    maxSegments: 1,
    variables: { brand: common.brand, 'otp.code': v(10, '123456', true), 'otp.expiresInSeconds': v(4, 600) },
    bodies: {
      en: '{{ otp.code }} is your {{ brand }} verification code.{% if otp.expiresInSeconds %} It expires in {{ otp.expiresInSeconds | divided_by: 60.0 | ceil }} min.{% endif %} Never share it.',
      fr: '{{ otp.code }} est votre code de vérification {{ brand }}.{% if otp.expiresInSeconds %} Il expire dans {{ otp.expiresInSeconds | divided_by: 60.0 | ceil }} min.{% endif %} Ne le partagez jamais.',
    },
  },
  {
    key: 'account.security_alert',
    category: 'security',
    senderProfile: 'security-default',
    maxSegments: 3,
    variables: {
      brand: common.brand,
      'alert.kind': v(64, 'new_device_login'),
      'alert.occurredAt': v(30, '2025-03-01T22:14:00Z'),
      'alert.device': v(40, 'iPhone 15, Safari'),
    },
    bodies: {
      en: "{{ brand }}: Security alert: {% case alert.kind %}{% when 'new_device_login' %}new sign-in{% if alert.device %} from {{ alert.device }}{% endif %}{% when 'password_changed' %}your password was changed{% when 'email_changed' %}your email address was changed{% else %}unusual activity on your account{% endcase %} on {{ alert.occurredAt | datetime }}. If this wasn't you, secure your account now.",
      fr: "{{ brand }} : Alerte sécurité : {% case alert.kind %}{% when 'new_device_login' %}nouvelle connexion{% if alert.device %} depuis {{ alert.device }}{% endif %}{% when 'password_changed' %}votre mot de passe a été modifié{% when 'email_changed' %}votre adresse e-mail a été modifiée{% else %}activité inhabituelle sur votre compte{% endcase %} le {{ alert.occurredAt | datetime }}. Si ce n'est pas vous, sécurisez votre compte.",
    },
  },
  {
    key: 'customer.registered',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 2,
    variables: common,
    bodies: {
      en: 'Welcome to {{ brand }}{% if customer.firstName %}, {{ customer.firstName }}{% endif %}! Your account is ready. Reply STOP to unsubscribe.',
      fr: 'Bienvenue chez {{ brand }}{% if customer.firstName %}, {{ customer.firstName }}{% endif %} ! Votre compte est créé. Répondez STOP pour vous désabonner.',
    },
  },
  {
    key: 'system.stop_confirmation',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 1,
    variables: { brand: common.brand },
    bodies: {
      en: "{{ brand }}: You're unsubscribed and will get no more messages from us. Reply START to resubscribe.",
      fr: '{{ brand }} : Votre désabonnement est confirmé, vous ne recevrez plus de messages. Répondez START pour vous réabonner.',
    },
  },
  {
    key: 'system.start_confirmation',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 1,
    variables: { brand: common.brand },
    bodies: {
      en: "{{ brand }}: You're subscribed again. Reply STOP to unsubscribe, HELP for help.",
      fr: "{{ brand }} : Votre abonnement est réactivé. Répondez STOP pour vous désabonner, AIDE pour de l'aide.",
    },
  },
  {
    key: 'system.help',
    category: 'transactional',
    senderProfile: 'transactional-default',
    maxSegments: 1,
    variables: { brand: common.brand },
    bodies: {
      en: '{{ brand }}: Order, booking and account notifications. Msg & data rates may apply. Reply STOP to unsubscribe, START to resubscribe.',
      fr: '{{ brand }} : Notifications de commandes, réservations et compte. Répondez STOP pour vous désabonner, START pour vous réabonner.',
    },
  },
];

/** Version 1 of every domain event's template and of the STOP/START/HELP replies, in en and fr. */
export const SEED_TEMPLATES_V1: TemplateDraft[] = seeds.flatMap(({ bodies, ...rest }) =>
  (['en', 'fr'] as const).map((locale) => ({ ...rest, locale, body: bodies[locale], transliterate: true })),
);
