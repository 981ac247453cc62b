import { assignedTo, SequenceGate } from './events.ts';
import type { EventEnvelope, User } from './types.ts';

/** What a screen hears from the stream: an event, or that everything must be read again. */
export type LiveSignal = { readonly kind: 'event'; readonly event: EventEnvelope } | { readonly kind: 'reset' };

export interface LiveTarget {
  /** The signed-in user as it is now. */
  readonly me: () => User;
  readonly setMe: (user: User) => void;
  /** A conversation was just handed to me: the opt-in notification, when wanted. */
  readonly assigned: (event: EventEnvelope) => void;
  /** Every screen listening. */
  readonly fanOut: (signal: LiveSignal) => void;
}

/** What the console does with each event of the stream: replays dropped, my own changes applied, then passed on. */
export const liveDispatcher = (target: LiveTarget) => {
  const gate = new SequenceGate();
  return {
    onEvent: (event: EventEnvelope): void => {
      if (!gate.accept(event)) return;
      const me = target.me();
      const changed = event.data.user;
      if (event.type === 'agent.availability_changed' && changed?.id === me.id) target.setMe(changed);
      if (assignedTo(event, me.id)) target.assigned(event);
      target.fanOut({ kind: 'event', event });
    },
    onReset: (): void => {
      gate.clear();
      target.fanOut({ kind: 'reset' });
    },
  };
};
