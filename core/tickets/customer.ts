/** Someone who writes in; not a login user. */
export interface Customer {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** The customer's id in a channel (unique per tenant). */
  readonly externalId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
