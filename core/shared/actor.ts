import type { Role } from '../access/user.ts';

/** Who performs a use case: a verified staff user, acting inside their tenant only. */
export interface Actor {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
}
