export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** viewer < operator < admin: a viewer reads, an operator changes, an admin also manages operators. */
export const roleAllows = (held: Role, needed: Role): boolean => ROLES.indexOf(held) >= ROLES.indexOf(needed);

export const OPERATOR_NAME = /^[a-z0-9][a-z0-9._-]{1,47}$/;
export const MIN_PASSWORD_LENGTH = 12;
