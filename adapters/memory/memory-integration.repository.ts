import { createHash, timingSafeEqual } from 'node:crypto';
import { Effect } from 'effect';
import type { IntegrationRepository, PlatformAgentLink, RoomSession, UnansweredAssign } from '../../core/integrations/integration.port.ts';
import type { PlatformIntegration } from '../../core/integrations/platform-integration.ts';
import { DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
const linkKey = (tenantId: string, platformAgentId: string): string => `${tenantId}:${platformAgentId}`;

export class MemoryIntegrationRepository implements IntegrationRepository {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  get(tenantId: string): Stored<PlatformIntegration | null> {
    return Effect.sync(() => this.#db.integrations.get(tenantId) ?? null);
  }

  findByWebhookToken(token: string): Stored<PlatformIntegration | null> {
    return Effect.sync(() => {
      const wanted = digest(token);
      let found: PlatformIntegration | null = null;
      // Fixed-length digests compared in constant time; every row is visited whatever matches.
      for (const integration of this.#db.integrations.values()) {
        if (timingSafeEqual(digest(integration.webhookToken), wanted)) found = integration;
      }
      return found;
    });
  }

  save(integration: PlatformIntegration): Stored<void, DuplicateKey> {
    return Effect.suspend(() => {
      for (const other of this.#db.integrations.values()) {
        if (other.tenantId !== integration.tenantId && other.webhookToken === integration.webhookToken) {
          return Effect.fail(new DuplicateKey({ key: 'integrations.webhook_token' }));
        }
      }
      this.#db.integrations.set(integration.tenantId, integration);
      return Effect.void;
    });
  }

  list(page: PageRequest): Stored<Page<PlatformIntegration>> {
    return Effect.sync(() => {
      const rows = [...this.#db.integrations.values()].sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
      return pageOf(rows, page, (i) => i.tenantId, (i, position) => i.tenantId > position);
    });
  }

  findAgentLink(tenantId: string, platformAgentId: string): Stored<PlatformAgentLink | null> {
    return Effect.sync(() => this.#db.platformAgentLinks.get(linkKey(tenantId, platformAgentId)) ?? null);
  }

  linkAgent(link: PlatformAgentLink): Stored<void> {
    return Effect.sync(() => this.#db.platformAgentLinks.set(linkKey(link.tenantId, link.platformAgentId), link));
  }

  recordUnansweredAssign(attempt: UnansweredAssign): Stored<void> {
    return Effect.sync(() => this.#db.unansweredAssigns.set(linkKey(attempt.tenantId, attempt.roomId), attempt));
  }

  takeUnansweredAssign(tenantId: string, roomId: string): Stored<UnansweredAssign | null> {
    return Effect.sync(() => {
      const key = linkKey(tenantId, roomId);
      const attempt = this.#db.unansweredAssigns.get(key) ?? null;
      this.#db.unansweredAssigns.delete(key);
      return attempt;
    });
  }

  saveSession(session: RoomSession): Stored<void> {
    return Effect.sync(() => {
      const key = linkKey(session.tenantId, session.sessionId);
      const known = this.#db.roomSessions.get(key);
      this.#db.roomSessions.set(key, known === undefined ? session : { ...known, resolved: known.resolved || session.resolved });
    });
  }

  findSession(tenantId: string, sessionId: string): Stored<RoomSession | null> {
    return Effect.sync(() => this.#db.roomSessions.get(linkKey(tenantId, sessionId)) ?? null);
  }

  sessionOfTicket(tenantId: string, ticketId: string): Stored<RoomSession | null> {
    return Effect.sync(() => [...this.#db.roomSessions.values()].find((s) => s.tenantId === tenantId && s.ticketId === ticketId) ?? null);
  }
}
