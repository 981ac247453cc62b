import { Cause, Effect, Exit } from 'effect';
import type { DomainEvent } from './events.ts';
import type { EventHandler } from './outbox.port.ts';

export type HandlerOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const describe = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && '_tag' in error) {
    const reason = 'reason' in error ? `: ${String(error.reason)}` : '';
    return `${String(error._tag)}${reason}`;
  }
  return String(error);
};

/** Runs one handler once; expected failures and defects (a throwing handler) both come back as a reason. */
export const runEventHandler = async (handler: EventHandler, event: DomainEvent): Promise<HandlerOutcome> => {
  try {
    const exit = await Effect.runPromiseExit(Effect.suspend(() => handler.handle(event)));
    return Exit.isSuccess(exit) ? { ok: true } : { ok: false, reason: describe(Cause.squash(exit.cause)) };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
};
