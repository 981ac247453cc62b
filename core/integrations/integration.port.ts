import type { Result } from 'effect';
import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { SealedSecretUnreadable } from './integrations.errors.ts';
import type { PlatformIntegration } from './platform-integration.ts';

/** A platform agent mirrored as one of the tenant's users. */
export interface PlatformAgentLink {
  readonly tenantId: string;
  readonly platformAgentId: string;
  readonly userId: string;
}

/** An assign call the platform never answered: it may have taken effect, for this agent. */
export interface UnansweredAssign {
  readonly tenantId: string;
  readonly roomId: string;
  readonly platformAgentId: string;
  readonly userId: string;
}

/** One conversation of a room on the platform (from asking for an agent to being resolved) and the ticket that holds it. */
export interface RoomSession {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly roomId: string;
  readonly ticketId: string;
  /** The platform has said (or been told) that this session is over. */
  readonly resolved: boolean;
}

/**
 * The tenants' chat platform accounts and their mirrored agents. Unique keys: one integration per tenant
 * (`save` replaces it) and `integrations.webhook_token` across tenants.
 */
export interface IntegrationRepository {
  get(tenantId: string): Stored<PlatformIntegration | null>;
  /** The integration whose webhook token is exactly `token`, compared without leaking timing (e.g. by its SHA-256). */
  findByWebhookToken(token: string): Stored<PlatformIntegration | null>;
  /** Inserts or replaces the tenant's integration. */
  save(integration: PlatformIntegration): Stored<void, DuplicateKey>;
  /** Every integration, by tenant id, page by page (for the periodic sweeps). */
  list(page: PageRequest): Stored<Page<PlatformIntegration>>;
  /** The user a platform agent is mirrored as, if any. */
  findAgentLink(tenantId: string, platformAgentId: string): Stored<PlatformAgentLink | null>;
  /** Records (or moves) the platform agent ↔ user mapping. */
  linkAgent(link: PlatformAgentLink): Stored<void>;
  /** Remembers the room's latest unanswered assign call (one per room; a newer one replaces it). */
  recordUnansweredAssign(attempt: UnansweredAssign): Stored<void>;
  /** The room's unanswered assign call, if any, forgotten as it is read. */
  takeUnansweredAssign(tenantId: string, roomId: string): Stored<UnansweredAssign | null>;
  /** Records a session; a session already recorded keeps its ticket and only ever turns resolved. */
  saveSession(session: RoomSession): Stored<void>;
  findSession(tenantId: string, sessionId: string): Stored<RoomSession | null>;
  /** The session a ticket holds, if one is known. */
  sessionOfTicket(tenantId: string, ticketId: string): Stored<RoomSession | null>;
}

/** Encrypts secrets before a store writes them (authenticated encryption), and decrypts them on read. */
export interface SecretCipher {
  seal(plaintext: string): string;
  open(sealed: string): Result.Result<string, SealedSecretUnreadable>;
}
