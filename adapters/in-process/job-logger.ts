/** The structured-logging calls the job runners make (pino's `logger.info(fields, message)` shape). */
export interface JobLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };
