export const senderTypes = ['customer', 'agent', 'admin', 'system'] as const;
/** Who wrote a message: the customer, an agent, an admin, or the system. */
export type SenderType = (typeof senderTypes)[number];

/** One entry of a ticket's conversation. `sequence` gives the stable total order within the ticket. */
export interface Message {
  readonly id: string;
  readonly ticketId: string;
  readonly tenantId: string;
  readonly senderType: SenderType;
  readonly senderId: string | null;
  readonly message: string;
  readonly sequence: number;
  readonly createdAt: Date;
}
