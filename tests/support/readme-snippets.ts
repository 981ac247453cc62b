import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';

/** The README's shell block that follows `heading`, exactly as a reader would paste it. */
export const snippetAfter = async (heading: string): Promise<string> => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(heading);
  expect(from).toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/u.exec(readme.slice(from));
  return block?.[1] ?? '';
};
