/** The structured-logging calls the AMQP adapter makes (pino's `logger.info(fields, message)` shape). */
export interface AmqpLogger {
  /** Logs at info level. */
  info(fields: object, message: string): void;
  /** Logs at warn level. */
  warn(fields: object, message: string): void;
  /** Logs at error level. */
  error(fields: object, message: string): void;
}

export const silentAmqpLogger: AmqpLogger = { info: () => {}, warn: () => {}, error: () => {} };

export class AmqpTimeout extends Error {
  override readonly name = 'AmqpTimeout';
}

/** Every broker call goes through this: a dead socket must never hang a relay loop or a shutdown. */
export const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AmqpTimeout(`${what} timed out after ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** Runs a broker call for its effect only; a failure (closed channel, timeout) is logged, not thrown. */
export const quietly = async (work: () => Promise<unknown>, ms: number, what: string, logger: AmqpLogger): Promise<void> => {
  try {
    await withTimeout(Promise.resolve().then(work), ms, what);
  } catch (error) {
    logger.warn({ err: error }, `${what} failed`);
  }
};

export const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
