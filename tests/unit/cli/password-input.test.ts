import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../apps/cli/cli-args.ts';
import { resolvePasswords } from '../../../apps/cli/password-input.ts';

const terminal = () => Object.assign(new PassThrough(), { isTTY: true });
const capture = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += String(chunk)));
  return { out, text: () => text };
};

describe('CLI passwords (finding 10)', () => {
  const args = ['tenant', 'create', '--name', 'A', '--admin-email', 'a@b.test'];

  it('asks on a terminal, reads the line and echoes nothing of it', async () => {
    const stdin = terminal();
    const stderr = capture();
    const resolving = resolvePasswords(parseCommand(args), { stdin, stderr: stderr.out });
    stdin.write('typed secret 1\n');
    expect(await resolving).toMatchObject({ kind: 'tenant create', adminPassword: 'typed secret 1' });
    expect(stderr.text()).toBe('Admin password: \n');
  });

  it('reads --password-stdin to the end, dropping one trailing newline', async () => {
    const stdin = new PassThrough();
    const resolving = resolvePasswords(parseCommand([...args, '--password-stdin']), { stdin, stderr: capture().out });
    stdin.end('line one\r\n');
    expect(await resolving).toMatchObject({ adminPassword: 'line one' });
  });

  it('keeps the argument for scripts', async () => {
    const parsed = parseCommand([...args, '--admin-password', 'as argument']);
    expect(await resolvePasswords(parsed, { stdin: new PassThrough(), stderr: capture().out })).toMatchObject({ adminPassword: 'as argument' });
  });
});
