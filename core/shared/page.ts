/**
 * Keyset pagination as the ports see it. `after` is an opaque position produced by the repository
 * for the last item of the previous page; the HTTP edge wraps it into a signed, tenant-bound cursor.
 */
export interface PageRequest {
  readonly limit: number;
  readonly after: string | null;
}

/** One page of a keyset-paged list. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  /** Position after the last item, or null when this page is the last. */
  readonly next: string | null;
}
