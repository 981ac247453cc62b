import { describe, expect, it } from 'vitest';
import { embedExample } from '../../examples/embed.ts';

describe('the README embedding example', () => {
  it('allocates a new ticket to the online agent with only the memory adapters', async () => {
    const { agent, ticket } = await embedExample();
    expect(ticket.assignedAgentId).toBe(agent.id);
    expect(ticket.status).toBe('open');
    expect(ticket.queuedAt).toBeNull();
  });
});
