/** The only source of "now" for compliance decisions; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}
