export const SOURCE_REGISTRY = Symbol('SOURCE_REGISTRY');
export const SOURCE_SECRETS = Symbol('SOURCE_SECRETS');
