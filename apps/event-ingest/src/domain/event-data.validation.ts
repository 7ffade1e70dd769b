import { TopicSchemas, validateAs, type DomainTopicName, type ValidationResult } from '@herald/contracts';

/** An event's `data` against the DTO of its type (the rules only name types that have one). */
export function validateEventData(type: DomainTopicName, data: unknown): ValidationResult<object> {
  const schema: new () => object = TopicSchemas[type];
  return validateAs(schema, data);
}
