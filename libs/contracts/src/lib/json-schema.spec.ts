import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { FinalStates, MilestoneStates } from './dto/common/enums';
import { Describe, NestedArray, NestedObject } from './dto/common/field.decorators';
import {
  JSON_SCHEMA_DIALECT,
  JsonSchema,
  jsonSchemaFor,
  jsonSchemaOfClass,
  undescribedProperties,
} from './json-schema';
import { TopicName, Topics } from './topics';

/** The schema without its descriptions, to compare the validation keywords alone. */
function keywordsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (schema === undefined) return undefined;
  const { description: _description, properties, items, ...rest } = schema;
  const out: JsonSchema = { ...rest };
  if (properties)
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, keywordsOf(v) as JsonSchema]));
  if (items) out.items = keywordsOf(items);
  return out;
}

describe('jsonSchemaFor', () => {
  const receipt = jsonSchemaFor(Topics.SmsReceiptsV1);

  it('is a draft 2020-12 document named after the topic', () => {
    expect(receipt.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(receipt.$id).toBe('urn:herald:schema:sms.receipts.v1');
    expect(receipt.title).toBe('sms.receipts.v1');
    expect(receipt.type).toBe('object');
  });

  it('requires exactly the non-optional sms.receipts.v1 fields', () => {
    expect([...(receipt.required ?? [])].sort()).toEqual(
      [
        'schemaVersion',
        'messageId',
        'sourceEventId',
        'sourceEventType',
        'templateKey',
        'locale',
        'category',
        'country',
        'recipientToken',
        'state',
        'isFinal',
        'occurredAt',
      ].sort(),
    );
  });

  it('types the sms.receipts.v1 properties', () => {
    const p = keywordsOf(receipt)?.properties ?? {};
    expect(p.schemaVersion).toEqual({ const: 1 });
    expect(p.messageId).toEqual({ type: 'string', format: 'uuid' });
    expect(p.isFinal).toEqual({ type: 'boolean' });
    expect(p.occurredAt).toEqual({ type: 'string', format: 'date-time' });
    expect(p.recipientToken).toEqual({ type: 'string', pattern: '^[0-9a-f]{64}$' });
    expect(p.segments).toEqual({ type: 'integer', minimum: 1 });
    expect(p.rawStatus).toEqual({ type: 'string', maxLength: 32 });
    expect(p.state.type).toBe('string');
    expect(p.state.enum).toContain('delivered');
    expect(p.state.enum).toHaveLength(13);
    expect(p.encoding).toEqual({ type: 'string', enum: ['GSM7', 'UCS2'] });
    expect(p.latencyMs).toEqual({
      type: 'object',
      properties: {
        acceptedToSubmitted: { type: 'integer', minimum: 0 },
        submittedToFinal: { type: 'integer', minimum: 0 },
      },
      required: [],
    });
  });

  it('describes every sms.receipts.v1 property, nested ones included, from its Describe text', () => {
    expect(Object.keys(receipt.properties ?? {})).toHaveLength(22);
    expect(undescribedProperties(receipt)).toEqual([]);
    expect(receipt.properties?.latencyMs.properties?.submittedToFinal.description).toMatch(
      /^submittedAt to the final state/,
    );
  });

  it('documents the state list from libs/contracts', () => {
    const state = receipt.properties?.state.description ?? '';
    expect(state).toContain(`Final states: ${FinalStates.join(', ')}.`);
    expect(state).toContain(`published for ${MilestoneStates.join(', ')} and every final state`);
  });

  it('inlines nested arrays and objects', () => {
    const p = jsonSchemaFor(Topics.OrderPlaced).properties ?? {};
    expect(p.items).toEqual({
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          quantity: { type: 'integer', minimum: 1 },
        },
        required: ['name', 'quantity'],
      },
    });
    expect(p.customer.required).toEqual(['phone']);
    expect(p.trackingUrl).toEqual({ type: 'string', format: 'uri' });
  });

  it('lists inherited fields first and keeps them required', () => {
    const approved = jsonSchemaFor(Topics.SmsApprovedV1);
    const names = Object.keys(approved.properties ?? {});
    expect(names[0]).toBe('messageId');
    expect(names.at(-1)).toBe('approvedAt');
    expect(approved.required).toEqual(expect.arrayContaining(['messageId', 'bodyEnc', 'senderId']));
    expect(approved.required).not.toContain('variables');
    expect(approved.properties?.secretVariables).toEqual({ type: 'array', maxItems: 50, items: { type: 'string' } });
  });

  it.each(Object.values(Topics))('builds a schema for %s', (topic: TopicName) => {
    expect(Object.keys(jsonSchemaFor(topic).properties ?? {}).length).toBeGreaterThan(0);
  });
});

describe('jsonSchemaOfClass', () => {
  class Line {
    @IsInt()
    quantity: number;
  }
  class Base {
    @Describe('Who it is for.')
    @IsString()
    name: string;
  }
  class Documented extends Base {
    @Describe('How many.')
    @IsOptional()
    @IsInt()
    count?: number;

    @IsString()
    note: string;

    @Describe('The lines.')
    @NestedArray(() => Line, 5)
    lines: Line[];

    @NestedObject(() => Line)
    total: Line;
  }
  const documented = jsonSchemaOfClass(Documented);

  it('publishes a Describe text as the description, first, inherited ones included', () => {
    expect(documented.properties?.count).toEqual({ description: 'How many.', type: 'integer' });
    expect(Object.keys(documented.properties?.count ?? {})[0]).toBe('description');
    expect(documented.properties?.name.description).toBe('Who it is for.');
    expect(documented.properties?.note).toEqual({ type: 'string' });
  });

  it('lists the properties without a description, by dotted path into objects and array items', () => {
    expect(undescribedProperties(documented)).toEqual(['note', 'lines.quantity', 'total', 'total.quantity']);
  });

  it('fails loudly on a decorator it cannot express', () => {
    class WithEmail {
      @IsEmail()
      email: string;
    }
    expect(() => jsonSchemaOfClass(WithEmail)).toThrow('no JSON Schema keyword for @isEmail on WithEmail.email');
  });

  it('fails loudly on a nested class it cannot resolve', () => {
    class Inner {
      @IsString()
      name: string;
    }
    class Outer {
      @ValidateNested()
      @Type(() => Inner)
      inner: Inner;
    }
    expect(() => jsonSchemaOfClass(Outer)).toThrow(
      'use NestedObject/NestedArray instead of a bare @ValidateNested on Outer.inner',
    );
  });
});
