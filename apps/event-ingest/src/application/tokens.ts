export const NOTIFICATION_RULES = Symbol('NOTIFICATION_RULES');
export const API_KEY_SEEDS = Symbol('API_KEY_SEEDS');
