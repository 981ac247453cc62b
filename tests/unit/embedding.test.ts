import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSwitchboard, ConfigError } from '../../apps/embedded/index.ts';
import { embedExample } from '../../examples/embed.ts';
import { mountExample } from '../../examples/mount-http.ts';

// The README's examples from source (tests/package runs them again from the packed package).
describe('the README embedding examples', () => {
  it('allocates a new ticket to the online agent with only the memory adapters', async () => {
    const { agent, ticket } = await embedExample();
    expect(ticket.assignedAgentId).toBe(agent.id);
    expect(ticket.status).toBe('open');
    expect(ticket.queuedAt).toBeNull();
  });

  it('serves the API under /support in a host Koa app, next to its own routes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-mount-'));
    const out = await mountExample(0, dir);
    await rm(dir, { recursive: true, force: true });
    expect(out.loginStatus).toBe(200);
    expect(out.user.role).toBe('admin');
    expect(out.host).toEqual({ page: 'the shop' });
  });
});

describe('createSwitchboard', () => {
  it("checks its options with the API's config schema: a short JWT secret is refused, naming the variable", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-facade-'));
    await expect(createSwitchboard({ databaseUrl: `sqlite:${dataDir}/x.db`, jwtSecret: 'short', dataDir })).rejects.toThrow(ConfigError);
    await expect(createSwitchboard({ databaseUrl: `sqlite:${dataDir}/x.db`, jwtSecret: 'short', dataDir })).rejects.toThrow(/JWT_SECRET: must be at least 32 bytes/);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a database URL of an unknown kind before opening anything', async () => {
    await expect(createSwitchboard({ databaseUrl: 'postgres://x/y', jwtSecret: 'x'.repeat(32), logLevel: 'silent' })).rejects.toThrow(/DATABASE_URL/);
  });
});
