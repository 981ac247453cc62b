import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiEnvironment } from '../../apps/api/config.ts';
import { workerEnvironment } from '../../apps/worker/config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Configuration'), readme.indexOf('\n## ', readme.indexOf('### Configuration')));
/** Each row's variables (a row may name several, `A` / `B`) and its "read by" column. */
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => {
    const [names = '', readBy = ''] = line.split('|').slice(1, 3);
    return { names: [...names.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!), readBy: readBy.trim().split(' ') };
  });
const documented = (reader: string) => rows.filter((r) => r.readBy.includes(reader)).flatMap((r) => r.names);

describe("the README's configuration table", () => {
  it('lists exactly the variables the API and the worker read, each under the process that reads it', () => {
    expect(section.length).toBeGreaterThan(0);
    expect(new Set(documented('A'))).toEqual(new Set(apiEnvironment));
    expect(new Set(documented('W'))).toEqual(new Set(workerEnvironment));
    expect(apiEnvironment).toContain('EVENT_HEARTBEAT_MS');
    expect(workerEnvironment).toContain('METRICS_PER_TENANT');
  });
});
