import {
  CE_SPECVERSION,
  CeHeader,
  dlqTopicOf,
  ErrorCodes,
  jsonSchemaFor,
  TopicSpecs,
  Topics,
  TRACEPARENT_HEADER,
  type JsonSchema,
  type TopicKey,
  type TopicName,
} from '@herald/contracts';
import { ServiceTopology, type ServiceNode } from './service-topology';

type Json = Record<string, unknown>;

const BINDING_VERSION = '0.5.0';
const KEY_DESCRIPTIONS: Record<TopicKey, string> = {
  producer: "The producer's business key (e.g. the order id); decides ordering per business entity.",
  recipientToken: 'Recipient token: HMAC-SHA256(server key, E.164 number), hex. Never the raw number.',
  messageId: 'Message id: UUIDv5 of (source event id, template key, recipient token).',
  carrierMessageId: "The carrier's message id from submit_sm_resp / the DLR.",
  messageIdElseCarrierMessageId:
    "Herald's message id when dispatch correlated the DLR (produced after that message's sms.status.v1), else the carrier's message id.",
};

const ref = (path: string) => ({ $ref: `#/${path}` });
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const topicIds = new Map(Object.entries(Topics).map(([key, topic]) => [topic as string, lowerFirst(key)]));

/** Channel/message id of a topic: its `Topics` key, e.g. `smsRequestedV1`; a DLQ adds `Dlq`. */
export function channelIdOf(topic: string): string {
  const dlq = topic.endsWith('.dlq');
  const id = topicIds.get(dlq ? topic.slice(0, -4) : topic);
  if (!id) throw new Error(`no Topics entry for ${topic}`);
  return dlq ? `${id}Dlq` : id;
}

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The JSON Schema of a topic's DTO, as a message payload: the dialect and id stay in docs/schemas/topics. */
export function payloadSchemaOf(topic: TopicName): JsonSchema {
  const { $schema: _dialect, $id: _id, ...schema } = jsonSchemaFor(topic);
  return schema;
}

function cloudEventHeaders(): Json {
  const str = (description: string, extra: Json = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    description: 'CloudEvents 1.0 Kafka binding, binary mode: attributes as ce_* headers, data as the record value.',
    required: [CeHeader.id, CeHeader.source],
    properties: {
      [CeHeader.id]: str('Unique per event from one source; the dedupe key.', { minLength: 1 }),
      [CeHeader.type]: str('Event type; equals the topic name. Absent: the topic name is used.'),
      [CeHeader.source]: str('The producing system, e.g. shop/checkout or herald/templating.', { minLength: 1 }),
      [CeHeader.time]: str('When the event happened (RFC 3339). Absent: stamped on receipt.', { format: 'date-time' }),
      [CeHeader.specversion]: str('CloudEvents version.', { const: CE_SPECVERSION }),
      [CeHeader.subject]: str('The business id the event is about (order id, message id).'),
      [CeHeader.dataschema]: str('URI of the payload schema.', { format: 'uri' }),
      [TRACEPARENT_HEADER]: str('W3C Trace Context, version 00.', {
        pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      }),
      'content-type': str('application/json in binary mode; application/cloudevents+json for a structured event.'),
      'x-herald-origin-time': str('Time the business event entered Herald, carried hop to hop for per-stage latency.', {
        format: 'date-time',
      }),
    },
  };
}

function deadLetterHeaders(): Json {
  const str = (description: string, extra: Json = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    description:
      'The original headers, plus why and where the record failed, and the key the value is encrypted under.',
    required: [
      'x-error-code',
      'x-error-message',
      'x-original-topic',
      'x-original-partition',
      'x-original-offset',
      'x-failed-at',
      'x-service',
    ],
    properties: {
      'x-error-code': str('Error code from the closed catalog.', { enum: [...ErrorCodes] }),
      'x-error-message': str(
        'Human-readable reason, at most 1000 characters; phone numbers and OTP-shaped codes masked.',
        { maxLength: 1000 },
      ),
      'x-original-topic': str('Topic the record was consumed from; replays go back there.'),
      'x-original-partition': str('Partition of the original record.', { pattern: '^\\d+$' }),
      'x-original-offset': str('Offset of the original record.', { pattern: '^\\d+$' }),
      'x-failed-at': str('When the record was dead-lettered.', { format: 'date-time' }),
      'x-service': str('Consumer group (service) that gave up on it.'),
      'x-attempts': str('Attempts made before giving up.', { pattern: '^\\d+$' }),
      'x-herald-dlq-enc': str(
        'aes-256-gcm:<PII key id> the value is encrypted under (absent only when the record has no value).',
        { pattern: '^aes-256-gcm:[\\w-]+$' },
      ),
    },
  };
}

function topicConfiguration(topic: TopicName): Json {
  const spec = TopicSpecs[topic];
  const config: Json = { 'cleanup.policy': [spec.compacted ? 'compact' : 'delete'] };
  if (spec.retentionMs !== undefined) config['retention.ms'] = spec.retentionMs;
  return config;
}

function channels(): Json {
  const out: Json = {};
  for (const spec of Object.values(TopicSpecs)) {
    const id = channelIdOf(spec.name);
    out[id] = {
      address: spec.name,
      title: spec.name,
      description: spec.description,
      messages: { [id]: ref(`components/messages/${id}`) },
      bindings: {
        kafka: {
          partitions: spec.partitions,
          topicConfiguration: topicConfiguration(spec.name),
          bindingVersion: BINDING_VERSION,
        },
      },
    };
    const dlq = dlqTopicOf(spec.name);
    out[channelIdOf(dlq)] = {
      address: dlq,
      title: dlq,
      description: `Dead letters of ${spec.name}: original key and headers, plus x-error-* / x-original-* headers; the value encrypted under the PII key (x-herald-dlq-enc).`,
      messages: { deadLetter: ref('components/messages/deadLetter') },
      bindings: {
        kafka: {
          partitions: spec.partitions,
          topicConfiguration: { 'cleanup.policy': ['delete'] },
          bindingVersion: BINDING_VERSION,
        },
      },
    };
  }
  return out;
}

function messages(): Json {
  const out: Json = {};
  for (const spec of Object.values(TopicSpecs)) {
    out[channelIdOf(spec.name)] = {
      name: spec.name,
      title: spec.name,
      summary: spec.description,
      contentType: 'application/json',
      headers: ref('components/schemas/cloudEventHeaders'),
      payload: payloadSchemaOf(spec.name),
      bindings: {
        kafka: { key: { type: 'string', description: KEY_DESCRIPTIONS[spec.key] }, bindingVersion: BINDING_VERSION },
      },
    };
  }
  out['deadLetter'] = {
    name: 'deadLetter',
    title: 'Dead letter',
    summary:
      'A record a consumer could not process, kept encrypted for inspection (herald dlq list, masked) and replay (herald dlq replay decrypts it).',
    headers: ref('components/schemas/deadLetterHeaders'),
    payload: {
      type: 'string',
      format: 'binary',
      description:
        'The original record value (may be invalid JSON: that can be why it is here), AES-256-GCM encrypted under the PII key named by x-herald-dlq-enc: iv (12 bytes) | tag (16) | ciphertext. See docs/operations/dead-letters.md.',
    },
  };
  return out;
}

function operation(service: ServiceNode, action: 'send' | 'receive', topic: string): [string, Json] {
  const channel = channelIdOf(topic);
  const message = topic.endsWith('.dlq') ? 'deadLetter' : channel;
  const op: Json = {
    action,
    channel: ref(`channels/${channel}`),
    summary: `${service.name} ${action === 'send' ? 'publishes to' : 'consumes'} ${topic}.`,
    messages: [ref(`channels/${channel}/messages/${message}`)],
    tags: [{ name: service.name }],
  };
  if (action === 'receive') {
    op['bindings'] = { kafka: { groupId: { type: 'string', enum: [service.name] }, bindingVersion: BINDING_VERSION } };
  }
  return [`${camel(service.name)}_${action}_${channel}`, op];
}

function operations(): Json {
  return Object.fromEntries(
    ServiceTopology.flatMap((s) => [
      ...s.consumes.map((t) => operation(s, 'receive', t)),
      ...s.produces.map((t) => operation(s, 'send', t)),
      ...s.consumes.map((t) => operation(s, 'send', dlqTopicOf(t))),
    ]),
  );
}

export function asyncApiDocument(version: string): Json {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Herald',
      version,
      description:
        'Transactional SMS pipeline on Kafka. Business systems publish domain events; five services chain them ' +
        'through the sms.* topics; every outcome comes back on sms.receipts.v1. Payload schemas are generated from ' +
        'the class-validator DTOs of libs/contracts (also in docs/schemas/topics/<topic>.schema.json, JSON Schema 2020-12).',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      tags: ServiceTopology.map((s) => ({ name: s.name, description: s.summary })),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:19092',
        protocol: 'kafka',
        description: 'Local single-node broker (npm start, tests).',
      },
      cluster: {
        host: 'herald-kafka-bootstrap:9093',
        protocol: 'kafka-secure',
        description: 'Strimzi cluster in Kubernetes: SASL_SSL with SCRAM-SHA-512.',
        security: [ref('components/securitySchemes/scramSha512')],
      },
    },
    channels: channels(),
    operations: operations(),
    components: {
      schemas: { cloudEventHeaders: cloudEventHeaders(), deadLetterHeaders: deadLetterHeaders() },
      messages: messages(),
      securitySchemes: {
        scramSha512: {
          type: 'scramSha512',
          description:
            'KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: each service its own principal herald-<service>, whose ACLs allow exactly the operations above (docs/security.md).',
        },
      },
    },
  };
}
