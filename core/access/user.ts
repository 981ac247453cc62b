/** Staff roles: admins manage the tenant, agents handle tickets. */
export const roles = ['admin', 'agent'] as const;
/** A staff role. */
export type Role = (typeof roles)[number];

/** Whether an agent takes new conversations. */
export const availabilities = ['online', 'offline'] as const;
/** An agent's availability. */
export type Availability = (typeof availabilities)[number];

/** A staff user. `passwordHash` null means the user cannot log in (e.g. an agent mirrored from a chat platform). */
export interface User {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly active: boolean;
  readonly availability: Availability;
  /** null: the tenant default applies; 0: never allocated automatically. */
  readonly maxCustomers: number | null;
  readonly passwordHash: string | null;
  /** Last automatic or manual assignment; the allocator's tie-break (longest idle first). */
  readonly lastAssignedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Whether the user has a password (users mirrored from a platform may not). */
export const canLogin = (user: User): boolean => user.passwordHash !== null;

/** Emails are compared case-insensitively everywhere; they are stored as given. */
export const emailKey = (email: string): string => email.trim().toLowerCase();
