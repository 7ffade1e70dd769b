import * as contracts from './index';

// Other libs are written against these names; removing or renaming one is a breaking change.
const PUBLIC_VALUES = [
  'Topics',
  'DomainTopics',
  'dlqTopicOf',
  'isDomainTopic',
  'isTopicName',
  'TopicSpecs',
  'ErrorCatalog',
  'HeraldError',
  'isHeraldError',
  'toHeraldError',
  'CeHeader',
  'TRACEPARENT_HEADER',
  'CONTENT_TYPE_HEADER',
  'STRUCTURED_CONTENT_TYPE',
  'decodeEnvelope',
  'encodeHeaders',
  'newTraceparent',
  'childTraceparent',
  'parseTraceparent',
  'uuidv5',
  'HERALD_NAMESPACE',
  'messageIdFor',
  'eventMessageIdFor',
  'recipientTokenFor',
  'validateAs',
  'validateTopicPayload',
  'parseTopicPayload',
  'TopicSchemas',
  'jsonSchemaFor',
  'FinalStates',
  'isFinalState',
  'MilestoneStates',
  'DefaultPublishedStates',
  'undescribedProperties',
  'CustomerDto',
  'MoneyDto',
  'RecipientDto',
  'SourceEventDto',
  'SmsMessageBase',
];

describe('@herald/contracts public API', () => {
  it.each(PUBLIC_VALUES)('exports %s', (name) => {
    expect(contracts).toHaveProperty(name);
  });

  it('exports a DTO class for every topic schema', () => {
    const exported = new Set<unknown>(Object.values(contracts));
    for (const cls of Object.values(contracts.TopicSchemas)) expect(exported.has(cls)).toBe(true);
  });
});
