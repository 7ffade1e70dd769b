import { getMetadataStorage, MetadataStorage } from 'class-validator';
import { descriptionOf, nestedTypeOf } from './dto/common/field.decorators';
import { TopicSchemas } from './topic-schemas';
import { TopicSpecs } from './topic-specs';
import { TopicName } from './topics';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type JsonPrimitive = string | number | boolean;

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: JsonPrimitive[];
  const?: JsonPrimitive;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
}

/** Maps a decorator's first constraint (when it has one) to the JSON Schema keywords it implies. */
type Keyword = (constraint: unknown) => JsonSchema;

// One entry per class-validator decorator the DTOs use; an unlisted one fails loudly so the
// published schema can never silently be looser than the validator.
const KEYWORDS: Record<string, Keyword> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  isObject: () => ({ type: 'object' }),
  isArray: () => ({ type: 'array' }),
  isNotEmpty: () => ({ minLength: 1 }),
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isUrl: () => ({ type: 'string', format: 'uri' }),
  min: (n) => ({ minimum: Number(n) }),
  max: (n) => ({ maximum: Number(n) }),
  maxLength: (n) => ({ maxLength: Number(n) }),
  arrayMaxSize: (n) => ({ maxItems: Number(n) }),
  isIn: (values) => enumSchema(values as readonly JsonPrimitive[]),
  equals: (value) => ({ const: value as JsonPrimitive }),
  matches: (pattern) => ({ type: 'string', pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
};

export function jsonSchemaFor(topic: TopicName): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:herald:schema:${topic}`,
    title: topic,
    description: TopicSpecs[topic].description,
    ...jsonSchemaOfClass(TopicSchemas[topic]),
  };
}

/** The schema of any DTO class, without the document-level `$schema`/`$id`. */
export function jsonSchemaOfClass(cls: new () => object): JsonSchema {
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .sort((a, b) => inheritanceDepth(a.target) - inheritanceDepth(b.target));
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadata) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, metas] of byProperty) {
    properties[property] = propertySchema(metas);
    if (!metas.some((m) => m.name === 'isOptional')) required.push(property);
  }
  return { type: 'object', properties, required };
}

/** Dotted paths of the properties (nested ones included) that have no description. */
export function undescribedProperties(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const own = property.description ? [] : [path];
    const nested = property.items ?? property;
    return [...own, ...undescribedProperties(nested, `${path}.`)];
  });
}

function propertySchema(metas: ValidationMetadata[]): JsonSchema {
  const description = describedAs(metas[0]);
  const schema: JsonSchema = description === undefined ? {} : { description };
  const item: JsonSchema = {};
  for (const m of metas) {
    const target = m.each ? item : schema;
    if (m.name === 'isOptional') continue;
    if (m.type === 'nestedValidation') {
      Object.assign(target, jsonSchemaOfClass(nestedClassOf(m)));
      continue;
    }
    const keyword = m.name === undefined ? undefined : KEYWORDS[m.name];
    if (!keyword) throw new Error(`jsonSchemaFor: no JSON Schema keyword for @${m.name ?? m.type} on ${locate(m)}`);
    Object.assign(target, keyword(m.constraints?.[0]));
  }
  if (Object.keys(item).length > 0) schema.items = item;
  return schema;
}

function describedAs(m: ValidationMetadata): string | undefined {
  return typeof m.target === 'function' ? descriptionOf(m.target.prototype, m.propertyName) : undefined;
}

function nestedClassOf(m: ValidationMetadata): new () => object {
  const type = typeof m.target === 'function' ? nestedTypeOf(m.target.prototype, m.propertyName) : undefined;
  if (!type) {
    throw new Error(`jsonSchemaFor: use NestedObject/NestedArray instead of a bare @ValidateNested on ${locate(m)}`);
  }
  return type();
}

function enumSchema(values: readonly JsonPrimitive[]): JsonSchema {
  return values.every((v) => typeof v === 'string') ? { type: 'string', enum: [...values] } : { enum: [...values] };
}

/** Base-class fields first, so an inherited DTO's schema reads in the same order as its parent's. */
function inheritanceDepth(target: ValidationMetadata['target']): number {
  let depth = 0;
  let parent = Object.getPrototypeOf(target);
  while (typeof parent === 'function' && parent !== Function.prototype) {
    depth++;
    parent = Object.getPrototypeOf(parent);
  }
  return depth;
}

function locate(m: ValidationMetadata): string {
  return `${typeof m.target === 'function' ? m.target.name : m.target}.${m.propertyName}`;
}
