import { Cause, Effect, Exit, Option } from 'effect';
import type { DomainEvent } from './events.ts';
import { jobFailureTable, type JobFailure } from './job-failure.ts';
import type { EventHandler } from './outbox.port.ts';

/** One run of a job: done, or failed with whether to try again (from `jobFailureTable`) and why. */
export type HandlerOutcome = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly reason: string };

const describeDefect = (defect: unknown): string => (defect instanceof Error ? `${defect.name}: ${defect.message}` : String(defect));

const describeFailure = (failure: JobFailure): string => ('reason' in failure && failure.reason !== undefined ? `${failure._tag}: ${failure.reason}` : failure._tag);

const failed = (failure: JobFailure): HandlerOutcome => ({ ok: false, retry: jobFailureTable[failure._tag] === 'retry', reason: describeFailure(failure) });

const defect = (value: unknown): HandlerOutcome => ({ ok: false, retry: false, reason: `defect: ${describeDefect(value)}` });

/** Runs one handler once; a tagged failure is retried or given up on by its tag, a defect (a throw, a die) is given up on. */
export const runEventHandler = async (handler: EventHandler, event: DomainEvent): Promise<HandlerOutcome> => {
  try {
    const exit = await Effect.runPromiseExit(Effect.suspend(() => handler.handle(event)));
    if (Exit.isSuccess(exit)) return { ok: true };
    const failure = Cause.findErrorOption(exit.cause);
    return Option.isSome(failure) ? failed(failure.value) : defect(Cause.squash(exit.cause));
  } catch (error) {
    return defect(error);
  }
};
