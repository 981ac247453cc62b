/** Source of "now". Use cases never read the system clock directly. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** Source of new ids: opaque strings that sort in creation order (UUIDv7 in the shipped adapters). */
export interface IdGenerator {
  /** A new id, greater than every id this generator returned before. */
  next(): string;
}
