/** The slice of a pino logger the simulator uses; never pass full numbers or message text. */
export interface SimLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: SimLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined };
