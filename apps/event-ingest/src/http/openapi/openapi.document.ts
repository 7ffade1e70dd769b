import { schemas } from './openapi.schemas';

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };

const AUTH_ERRORS = {
  '401': error('No API key was sent.'),
  '403': error('The API key is unknown, revoked or lacks the scope.'),
  '429': { ...error('The API key exceeded its rate limit.'), headers: RETRY_AFTER },
};

const WRITE_ERRORS = {
  ...AUTH_ERRORS,
  '409': error('The Idempotency-Key was used with a different body (or is still in flight).'),
  '413': error('The body exceeds INGEST_MAX_BODY_BYTES (default 65536).'),
  '503': { ...error('Kafka or PostgreSQL failed; nothing was stored or sent. Retry.'), headers: RETRY_AFTER },
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retries with the same key and body within 24 h get the first response replayed (header Idempotent-Replayed: true).',
  schema: { type: 'string', maxLength: 255 },
};

const ceHeader = (name: string, required: boolean, description: string) => ({
  name: `ce-${name}`,
  in: 'header',
  required: false,
  description: `${description}${required ? ' Required in binary mode.' : ''}`,
  schema: { type: 'string' },
});

const SECURITY = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

/** Hand-written OpenAPI 3.1 description of every route; a test checks none is missing. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Herald event-ingest',
    version: '1.0.0',
    description: 'Domain events (CloudEvents) and direct notification requests in; sms.requested.v1 out.',
  },
  servers: [{ url: 'http://127.0.0.1:3001' }],
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    schemas,
  },
  paths: {
    '/v1/events': {
      post: {
        operationId: 'postEvent',
        summary: 'Publish a domain event (CloudEvents binary or structured mode). Scope events:write.',
        security: SECURITY,
        parameters: [
          IDEMPOTENCY_KEY,
          ceHeader('id', true, 'Event id, unique per source.'),
          ceHeader('type', true, 'Event type, e.g. order.placed.'),
          ceHeader('source', true, 'Producing system.'),
          ceHeader('specversion', true, 'Must be 1.0.'),
          ceHeader('time', false, 'RFC 3339 time of the event.'),
        ],
        requestBody: {
          required: true,
          content: {
            'application/cloudevents+json': { schema: ref('CloudEvent') },
            'application/json': { schema: ref('EventData') },
          },
        },
        responses: {
          '202': {
            description: 'Accepted: one message id per notification the rules produce.',
            content: json(ref('EventAccepted')),
          },
          '400': error('Malformed event: field-level reasons, e.g. data.customer.phone.'),
          '415': error('Unsupported Content-Type (e.g. batch mode).'),
          '422': error(
            'Well-formed event whose type has no notification rule, or whose brand is not configured or not allowed for the API key (UNKNOWN_BRAND, BRAND_NOT_ALLOWED).',
          ),
          ...WRITE_ERRORS,
        },
      },
    },
    '/v1/notifications': {
      post: {
        operationId: 'sendNotification',
        summary: 'Send one notification naming the template and variables directly. Scope notifications:write.',
        security: SECURITY,
        parameters: [IDEMPOTENCY_KEY],
        requestBody: { required: true, content: json(ref('SendNotification')) },
        responses: {
          '202': { description: 'Accepted.', content: json(ref('NotificationAccepted')) },
          '400': error('Invalid request: field-level reasons.'),
          '422': error(
            'A templateKey with no active template (UNKNOWN_TEMPLATE, fields: [{ field: templateKey }]), a system.* template (TEMPLATE_NOT_ALLOWED), or a brand not configured or not allowed for the API key (UNKNOWN_BRAND, BRAND_NOT_ALLOWED).',
          ),
          ...WRITE_ERRORS,
        },
      },
    },
    '/v1/sources/{sourceId}': {
      post: {
        operationId: 'receivePlatformWebhook',
        summary:
          'A Shopify, WooCommerce or Stripe webhook exactly as the platform sends it (docs/sources.md). No API key: the platform signature over the raw body.',
        parameters: [
          {
            name: 'sourceId',
            in: 'path',
            required: true,
            description: 'A source of INGEST_SOURCES_FILE, e.g. shopify-dev.',
            schema: { type: 'string' },
          },
          {
            name: 'X-Shopify-Hmac-Sha256',
            in: 'header',
            required: false,
            description: 'Shopify: base64 HMAC-SHA256 of the raw body.',
            schema: { type: 'string' },
          },
          {
            name: 'X-WC-Webhook-Signature',
            in: 'header',
            required: false,
            description: 'WooCommerce: base64 HMAC-SHA256 of the raw body.',
            schema: { type: 'string' },
          },
          {
            name: 'Stripe-Signature',
            in: 'header',
            required: false,
            description: 'Stripe: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...].',
            schema: { type: 'string' },
          },
        ],
        requestBody: { required: true, content: json({ type: 'object', description: "The platform's own payload." }) },
        responses: {
          '200': {
            description:
              'Taken: accepted, duplicate, unmapped (a topic the source does not map), ignored, dead-lettered (cannot be sent, with the reason), consent, or ping.',
            content: json({
              type: 'object',
              required: ['status'],
              properties: {
                status: { type: 'string' },
                topic: { type: 'string' },
                id: { type: 'string' },
                type: { type: 'string' },
                messageIds: { type: 'array', items: { type: 'string' } },
                reason: { type: 'string' },
              },
            }),
          },
          '400': error('Signed but unreadable: not JSON, no topic or no delivery id (INVALID_WEBHOOK).'),
          '401': error('Missing, malformed, wrong or expired signature, or an unknown source: one answer for all.'),
          '413': error('The body exceeds INGEST_MAX_BODY_BYTES (default 65536).'),
          '503': {
            ...error(
              'Kafka, PostgreSQL or compliance (for a consent) failed; nothing was stored or sent. The platform retries.',
            ),
            headers: RETRY_AFTER,
          },
        },
      },
    },
    '/v1/admin/api-keys': {
      post: {
        operationId: 'createApiKey',
        summary: 'Create an API key; the plaintext is returned once. Scope admin.',
        security: SECURITY,
        requestBody: { required: true, content: json(ref('CreateApiKey')) },
        responses: {
          '201': { description: 'Created.', content: json(ref('ApiKeyCreated')) },
          '400': error('Invalid request.'),
          '409': error('A key with this name exists.'),
          '422': error('A brand that is not in the brands file (UNKNOWN_BRAND).'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/docs': {
      get: {
        operationId: 'openApi',
        summary: 'This OpenAPI document.',
        responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
      },
    },
  },
} as const;

export const documentedRoutes: ReadonlySet<string> = new Set(Object.keys(openApiDocument.paths));
