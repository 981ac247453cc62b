import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../adapters/http-koa/logger.ts';

/** The app's logger writing its JSON lines into `lines`. */
export const capturingLogger = (): { readonly logger: Logger; readonly lines: string[] } => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info' }, sink), lines };
};

/** What the app's logger writes for `err` (one line). */
export const loggedError = (err: unknown): string => {
  const { logger, lines } = capturingLogger();
  logger.error({ err }, 'request failed');
  return lines.join('');
};
