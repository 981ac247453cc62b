import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError, type CliCommand, type ParsedCommand, type PasswordSource } from './cli-args.ts';

export interface PasswordIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Where the prompt goes (never stdout: results are JSON there). */
  readonly stderr: NodeJS.WritableStream;
}

// Far more than a password may be (128 code points); past it the input is not a password.
const stdinLimitBytes = 64 * 1024;

const fromStdin = async (stdin: PasswordIo['stdin']): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > stdinLimitBytes) throw new UsageError('--password-stdin: standard input is too long for a password');
    chunks.push(bytes);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
};

/** Asks on the terminal; what is typed is not echoed (readline writes its echo to a sink). */
const fromPrompt = (io: PasswordIo, label: string): Promise<string> => {
  if (io.stdin.isTTY !== true) {
    throw new UsageError('no password given: pipe it with --password-stdin, or run on a terminal to be asked for it');
  }
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: io.stdin, output: sink, terminal: true });
  io.stderr.write(`${label}: `);
  return new Promise((resolve) =>
    prompt.question('', (answer) => {
      prompt.close();
      io.stderr.write('\n');
      resolve(answer);
    }),
  );
};

export const readPassword = (source: PasswordSource, io: PasswordIo, label: string): Promise<string> =>
  source.from === 'argument' ? Promise.resolve(source.value) : source.from === 'stdin' ? fromStdin(io.stdin) : fromPrompt(io, label);

/** The command with its password read from where the command line said. */
export const resolvePasswords = async (command: ParsedCommand, io: PasswordIo): Promise<CliCommand> => {
  if (command.kind === 'tenant create') return { ...command, adminPassword: await readPassword(command.adminPassword, io, 'Admin password') };
  if (command.kind === 'user create') return { ...command, password: await readPassword(command.password, io, 'Password') };
  return command;
};
