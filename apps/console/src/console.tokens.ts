export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
export const CONSOLE_LOGGER = Symbol('CONSOLE_LOGGER');
