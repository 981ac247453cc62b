import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorNote, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { codePoints } from '../lib/format.ts';
import type { Message, Ticket } from '../lib/types.ts';

export const messageLimit = 10_000;

export const Composer = ({ ticket, onSent }: { readonly ticket: Ticket; readonly onSent: (message: Message) => void }) => {
  const { api, t, locale } = useConsole();
  const [text, setText] = useState('');
  const { error, busy, run } = useAction();
  const length = codePoints(text);
  const tooLong = length > messageLimit;
  const blank = text.trim() === '';

  if (ticket.status === 'closed') return <p className="notice">{t('conv.closed')}</p>;

  const send = () => {
    if (busy || blank || tooLong) return;
    void run(async () => {
      onSent(await api.request<Message>('POST', `/api/tickets/${encodeURIComponent(ticket.id)}/conversations`, { message: text }));
      setText('');
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const number = new Intl.NumberFormat(locale);
  return (
    <form
      className="composer"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="composer-text">{t('conv.reply')}</label>
      <textarea
        id="composer-text"
        name="message"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-hint composer-count"
        aria-invalid={tooLong ? true : undefined}
      />
      <div className="composer-foot">
        <small id="composer-hint">{t('conv.hint')}</small>
        <small id="composer-count" className={tooLong ? 'over' : undefined}>
          {t('conv.count', { n: number.format(length), max: number.format(messageLimit) })}
        </small>
        <button type="submit" className="small" disabled={busy || blank || tooLong} aria-busy={busy}>
          {t('conv.send')}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
};
