import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const ID_MAX_LENGTH = 128;
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export const RECIPIENT_TOKEN_PATTERN = /^[0-9a-f]{64}$/;
export const TEMPLATE_KEY_PATTERN = /^[a-z0-9_.-]{1,64}$/;

export type NestedClass = () => new () => object;

const NESTED_TYPE = Symbol('herald:nestedType');
const DESCRIPTION = Symbol('herald:description');

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** A business or event id: non-empty, at most 128 characters. */
export const IsId = () => compose(IsString(), IsNotEmpty(), MaxLength(ID_MAX_LENGTH));

export const IsRequiredText = (max: number) => compose(IsString(), IsNotEmpty(), MaxLength(max));

export const IsText = (max: number) => compose(IsString(), MaxLength(max));

export const IsTimestamp = () => IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 timestamp' });

export const IsCount = (min: number, max?: number) =>
  max === undefined ? compose(IsInt(), Min(min)) : compose(IsInt(), Min(min), Max(max));

export const IsLocale = () =>
  compose(IsString(), Matches(LOCALE_PATTERN, { message: '$property must be a BCP-47 locale like fr-FR' }));

export const IsCountryCode = () =>
  compose(IsString(), Matches(COUNTRY_PATTERN, { message: '$property must be an ISO 3166-1 alpha-2 code like FR' }));

export const IsRecipientToken = () =>
  compose(IsString(), Matches(RECIPIENT_TOKEN_PATTERN, { message: '$property must be 64 lowercase hex characters' }));

export const IsTemplateKey = () =>
  compose(IsString(), Matches(TEMPLATE_KEY_PATTERN, { message: '$property must match [a-z0-9_.-]{1,64}' }));

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };

export const IsHttpUrl = () => compose(IsString(), IsUrl(HTTP_URL, { message: '$property must be an http(s) URL' }));

// Records the nested class where json-schema.ts can read it; class-transformer keeps its own copy private.
const RememberType =
  (type: NestedClass): PropertyDecorator =>
  (target, key) =>
    Reflect.defineMetadata(NESTED_TYPE, type, target, key);

/**
 * A field's documentation for readers of the topic: json-schema.ts publishes it as the property's
 * `description` (docs/schemas, AsyncAPI). Kept as metadata, not a doc comment, so it exists at run time.
 */
export const Describe =
  (text: string): PropertyDecorator =>
  (target, key) =>
    Reflect.defineMetadata(DESCRIPTION, text, target, key);

/** The Describe text of `prototype[property]` (inherited ones included), if any. */
export function descriptionOf(prototype: object, property: string): string | undefined {
  return Reflect.getMetadata(DESCRIPTION, prototype, property);
}

/** The class given to NestedObject/NestedArray for `prototype[property]`, if any. */
export function nestedTypeOf(prototype: object, property: string): NestedClass | undefined {
  return Reflect.getMetadata(NESTED_TYPE, prototype, property);
}

// IsObject is what rejects arrays and strings: ValidateNested alone accepts `[]` as a valid object.
export const NestedObject = (type: NestedClass) =>
  compose(IsObject(), ValidateNested(), Type(type), RememberType(type));

export const NestedArray = (type: NestedClass, maxItems: number) =>
  compose(IsArray(), ArrayMaxSize(maxItems), ValidateNested({ each: true }), Type(type), RememberType(type));
