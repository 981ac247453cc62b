/** What a failed statement means to the unit of work. */
export type SqlFailure =
  | { readonly kind: 'duplicate'; readonly key: string }
  | { readonly kind: 'retryable' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'defect' };
