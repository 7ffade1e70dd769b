// JSON Schema (OpenAPI 3.1 dialect) of the bodies this service reads and answers.

const LOCALE = { type: 'string', pattern: '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\\d{3})?$', examples: ['fr-FR'] };
const CATEGORY = { type: 'string', enum: ['otp', 'security', 'transactional', 'promotional'] };
const UUID = { type: 'string', format: 'uuid' };

export const schemas = {
  Error: {
    type: 'object',
    required: ['error', 'message', 'fields'],
    properties: {
      error: {
        type: 'string',
        description: 'Machine-readable code, e.g. CONTRACT_VIOLATION, INVALID_PHONE, RATE_LIMITED.',
      },
      message: { type: 'string' },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'reason'],
          properties: { field: { type: 'string', examples: ['data.customer.phone'] }, reason: { type: 'string' } },
        },
      },
    },
  },
  CloudEvent: {
    type: 'object',
    description:
      "A structured-mode CloudEvent 1.0. `type` names the domain event and its rules; `data` follows that event's contract.",
    required: ['specversion', 'id', 'source', 'type', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', maxLength: 128, description: 'Unique per source; `source` + `id` is the dedupe key.' },
      source: { type: 'string', maxLength: 256 },
      type: { type: 'string', examples: ['order.placed'] },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string' },
      datacontenttype: { const: 'application/json' },
      data: { $ref: '#/components/schemas/EventData' },
    },
  },
  EventData: {
    type: 'object',
    description: 'The event payload; validated against the contract of the event type (libs/contracts).',
    properties: {
      customer: {
        type: 'object',
        required: ['phone'],
        properties: {
          phone: {
            type: 'string',
            description:
              'Any written form; normalized to E.164 with customer.country, the locale region or INGEST_DEFAULT_REGION.',
          },
          locale: LOCALE,
          timezone: { type: 'string', examples: ['Europe/Paris'] },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
        },
      },
    },
    additionalProperties: true,
  },
  EventAccepted: {
    type: 'object',
    required: ['id', 'source', 'type', 'messageIds', 'duplicate'],
    properties: {
      id: { type: 'string' },
      source: { type: 'string' },
      type: { type: 'string' },
      messageIds: { type: 'array', items: UUID },
      duplicate: {
        type: 'boolean',
        description: 'True when this source + id was accepted before: nothing new was sent.',
      },
    },
  },
  SendNotification: {
    type: 'object',
    required: ['templateKey', 'category', 'to', 'variables'],
    properties: {
      templateKey: {
        type: 'string',
        pattern: '^[a-z0-9_.-]{1,64}$',
        description:
          'A key with an active template (else 422 UNKNOWN_TEMPLATE; a template activated moments ago is accepted within a second), not a system.* template (422): STOP/START/HELP replies are sent by Herald alone.',
      },
      category: CATEGORY,
      to: { type: 'string', maxLength: 32, examples: ['+33612345678'] },
      locale: LOCALE,
      timezone: { type: 'string', examples: ['Europe/Paris'] },
      variables: { type: 'object', additionalProperties: true },
      secretVariables: {
        type: 'object',
        additionalProperties: true,
        description: 'Published only encrypted; templates read them by their dotted names.',
      },
      ttlSeconds: {
        type: 'integer',
        minimum: 1,
        maximum: 604800,
        description: 'Default: otp 600, security 3600, others 86400.',
      },
      brand: {
        type: 'string',
        maxLength: 64,
        description:
          'A brand id of the brands file that the API key may send for (else 422); default INGEST_DEFAULT_BRAND.',
      },
      transactionId: {
        type: 'string',
        maxLength: 128,
        description: 'Re-sending the same transactionId is a duplicate.',
      },
    },
  },
  NotificationAccepted: {
    type: 'object',
    required: ['transactionId', 'messageIds', 'duplicate'],
    properties: {
      transactionId: { type: 'string' },
      messageIds: { type: 'array', items: UUID },
      duplicate: { type: 'boolean' },
    },
  },
  CreateApiKey: {
    type: 'object',
    required: ['name', 'scopes'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
      scopes: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', enum: ['events:write', 'notifications:write', 'admin'] },
      },
      rateLimitPerSecond: { type: 'integer', minimum: 1, maximum: 100000 },
      brands: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', pattern: '^\\*$|^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' },
        description: 'Brand ids of the brands file the key may send for, or * for all; absent: the default brand only.',
      },
    },
  },
  ApiKeyCreated: {
    type: 'object',
    required: ['id', 'name', 'scopes', 'rateLimitPerSecond', 'createdAt', 'key'],
    properties: {
      id: UUID,
      name: { type: 'string' },
      scopes: { type: 'array', items: { type: 'string' } },
      brands: { type: 'array', items: { type: 'string' } },
      rateLimitPerSecond: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      key: { type: 'string', description: 'The plaintext key, shown this once; only its SHA-256 is stored.' },
    },
  },
} as const;
