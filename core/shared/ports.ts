/** Source of "now". Use cases never read the system clock directly. */
export interface Clock {
  now(): Date;
}

/** Source of new ids: opaque strings that sort in creation order (UUIDv7 in the shipped adapters). */
export interface IdGenerator {
  next(): string;
}
