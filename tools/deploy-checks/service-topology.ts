import { DomainTopics, Topics, type TopicName } from '@herald/contracts';

/** One Herald service as deployment sees it. Its consumer group id is its name (libs/kafka). */
export interface ServiceNode {
  name: HeraldServiceName;
  /** The public API (HTTP_PORT). */
  port: number;
  /** The management listener (MGMT_PORT): probes and the Prometheus scrape, never behind the Service. */
  mgmtPort: number;
  consumes: readonly TopicName[];
  produces: readonly TopicName[];
  /** Records of lag per partition that make KEDA add a replica. */
  lagThreshold: number;
  summary: string;
}

export const HeraldServiceNames = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'] as const;
export type HeraldServiceName = (typeof HeraldServiceNames)[number];

// Thresholds follow each stage's cost per record: dispatch is bound by carrier windows, so a
// small backlog already means a carrier is slow and another replica (another bind) helps.
export const ServiceTopology: readonly ServiceNode[] = [
  {
    name: 'event-ingest',
    port: 3001,
    mgmtPort: 9101,
    consumes: DomainTopics,
    produces: [Topics.SmsRequestedV1, Topics.SmsStatusV1],
    lagThreshold: 2000,
    summary: 'Validates domain events, maps them to notifications, normalizes phones, dedupes.',
  },
  {
    name: 'templating',
    port: 3002,
    mgmtPort: 9102,
    consumes: [Topics.SmsRequestedV1],
    produces: [Topics.SmsRenderedV1, Topics.SmsStatusV1],
    lagThreshold: 1000,
    summary: 'Picks and renders the template, detects the encoding, counts segments.',
  },
  {
    name: 'compliance',
    port: 3003,
    mgmtPort: 9103,
    consumes: [Topics.SmsRenderedV1, Topics.SmsOptoutsV1],
    produces: [Topics.SmsApprovedV1, Topics.SmsStatusV1, Topics.SmsOptoutsV1],
    lagThreshold: 1000,
    summary: 'Opt-outs, consent, quiet hours, frequency caps, country and sender rules.',
  },
  {
    name: 'dispatch',
    port: 3004,
    mgmtPort: 9104,
    consumes: [Topics.SmsApprovedV1],
    produces: [Topics.SmsStatusV1, Topics.CarrierReceiptsV1, Topics.CarrierInboundV1],
    lagThreshold: 500,
    summary: 'Routes to a carrier, rate-limits, submits over SMPP/HTTP with a send ledger.',
  },
  {
    name: 'receipts',
    port: 3005,
    mgmtPort: 9105,
    consumes: [Topics.SmsStatusV1, Topics.CarrierReceiptsV1, Topics.CarrierInboundV1],
    produces: [Topics.SmsReceiptsV1, Topics.SmsOptoutsV1, Topics.SmsRequestedV1],
    lagThreshold: 2000,
    summary: 'Correlates DLRs, keeps the status timeline, handles STOP/HELP, publishes receipts.',
  },
];

export const SIMULATOR = { name: 'smsc-simulator', smppPort: 2775, httpPort: 2776 } as const;

export function serviceNamed(name: string): ServiceNode {
  const found = ServiceTopology.find((s) => s.name === name);
  if (!found) throw new Error(`unknown service "${name}" (one of ${HeraldServiceNames.join(', ')})`);
  return found;
}

/** The consumer group of a service: the engine uses the service name as is. */
export const consumerGroupOf = (service: ServiceNode): string => service.name;

export const consumersOf = (topic: TopicName): ServiceNode[] =>
  ServiceTopology.filter((s) => s.consumes.includes(topic));
export const producersOf = (topic: TopicName): ServiceNode[] =>
  ServiceTopology.filter((s) => s.produces.includes(topic));
