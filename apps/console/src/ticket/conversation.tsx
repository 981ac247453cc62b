import { useLayoutEffect, useRef } from 'react';
import { Empty } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { formatTime } from '../lib/format.ts';
import type { Message, User } from '../lib/types.ts';

/** The messages, oldest first; stays at the bottom when it was there as new ones arrive. */
export const Conversation = ({ messages, staff }: { readonly messages: ReadonlyArray<Message>; readonly staff: ReadonlyMap<string, User> }) => {
  const { user, t, locale } = useConsole();
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el !== null && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  if (messages.length === 0) return <Empty>{t('conv.empty')}</Empty>;
  return (
    <ol
      className="conversation"
      ref={box}
      tabIndex={0}
      aria-label={t('conv.title')}
      aria-live="polite"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {messages.map((m) => {
        const own = m.sender_id !== null && m.sender_id === user.id;
        const side = m.sender_type === 'customer' ? 'from-customer' : m.sender_type === 'system' ? 'from-system' : 'from-staff';
        const who = own ? t('conv.you') : m.sender_type === 'customer' ? t('conv.customer') : (staff.get(m.sender_id ?? '')?.name ?? t(`conv.${m.sender_type}`));
        return (
          <li key={m.id} className={`bubble ${side}${own ? ' own' : ''}`}>
            <p className="bubble-head">
              <strong>{who}</strong> <time dateTime={m.created_at}>{formatTime(m.created_at, locale)}</time>
            </p>
            <p className="bubble-text">{m.message}</p>
          </li>
        );
      })}
    </ol>
  );
};
