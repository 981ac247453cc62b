import { pino } from 'pino';
import { createLogger } from '../../adapters/http-koa/logger.ts';
import { parseCommand, usage, UsageError, type CliCommand } from './cli-args.ts';
import { resolvePasswords } from './password-input.ts';

const databaseUrl = process.env.DATABASE_URL || 'sqlite:./data/switchboard.db';
const logger = createLogger({ level: process.env.LOG_LEVEL || 'info' }, pino.destination(2));

const failWith = (message: string, hint?: string): never => {
  process.stderr.write(`error: ${message}\n${hint === undefined ? '' : `${hint}\n`}`);
  process.exit(1);
};

const main = async (): Promise<void> => {
  let command: CliCommand;
  try {
    command = await resolvePasswords(parseCommand(process.argv.slice(2)), { stdin: process.stdin, stderr: process.stderr });
  } catch (error) {
    if (error instanceof UsageError) return failWith(error.message, 'Run `npm run cli -- --help` for usage.');
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(usage);
    return;
  }
  // Loaded only now, so usage errors and --help answer without loading the ORM.
  const { redactDatabaseUrl } = await import('../shared/open-store.ts');
  const { openRoot } = await import('../shared/root.ts');
  const { secretsKeyFrom } = await import('../shared/secrets-key.ts');
  const { CommandFailed, runCommand } = await import('./cli-commands.ts');
  const database = redactDatabaseUrl(databaseUrl);
  // The key that seals stored secrets (a migration may move some): SECRETS_KEY, or the API's under ./data.
  const root = await openRoot({ databaseUrl, secretsKey: secretsKeyFrom(process.env), outboundAllowPrivateNetworks: false, metrics: null }).catch((error: unknown) =>
    failWith(`cannot open the database ${database}: ${error instanceof Error ? error.message : String(error)}`),
  );
  const { store } = root;
  logger.info({ database, migrationsApplied: store.migrated }, 'database ready');
  try {
    const output = await runCommand(command, root);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    logger.info({ command: command.kind }, 'done');
  } catch (error) {
    await root.close();
    if (error instanceof CommandFailed) return failWith(error.message);
    throw error;
  }
  await root.close();
};

await main();
