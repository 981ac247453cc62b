import { ErrorNote, Loading, PriorityBadge, StatusBadge, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { ApiError } from '../lib/api-error.ts';
import { formatTime } from '../lib/format.ts';
import { allowedMoves, moveLabel } from '../lib/transitions.ts';
import type { Status, Ticket } from '../lib/types.ts';
import { Composer } from './composer.tsx';
import { Conversation } from './conversation.tsx';
import { CustomerCard } from './customer-card.tsx';
import { useTicket } from './use-ticket.ts';

export const TicketView = ({ ticketId, backHref }: { readonly ticketId: string; readonly backHref: string }) => {
  const { api, user, t, locale } = useConsole();
  const { data, error, setTicket, addMessage } = useTicket(ticketId);
  const action = useAction();

  if (data === null)
    return (
      <div className="ticket">
        <a href={backHref} className="back">
          ← {t('ticket.back')}
        </a>
        {error instanceof ApiError && error.status === 404 ? <p className="empty">{t('ticket.notFound')}</p> : error !== null ? <ErrorNote error={error} /> : <Loading />}
      </div>
    );

  const { ticket, customer, messages, staff } = data;
  const moves = allowedMoves(ticket, user);
  const agents = [...staff.values()].filter((u) => u.role === 'agent' && u.active);
  const change = (status: Status) => void action.run(async () => setTicket(await api.request<Ticket>('PATCH', `/api/tickets/${encodeURIComponent(ticket.id)}/status`, { status })));
  const assign = (agentId: string) =>
    void action.run(async () => setTicket(await api.request<Ticket>('PATCH', `/api/tickets/${encodeURIComponent(ticket.id)}/assign`, { agent_id: agentId === '' ? null : agentId })));
  const assignee = ticket.assigned_agent_id === null ? t('ticket.unassigned') : (staff.get(ticket.assigned_agent_id)?.name ?? ticket.assigned_agent_id);

  return (
    <div className="ticket">
      <a href={backHref} className="back">
        ← {t('ticket.back')}
      </a>
      <header className="ticket-head">
        <h2>{ticket.title}</h2>
        <p className="row-meta">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <span>
            {t('ticket.assignee')}: <strong>{assignee}</strong>
          </span>
        </p>
        {moves.length > 0 && (
          <div className="actions" role="group" aria-label={t('ticket.actions')}>
            {moves.map((to) => (
              <button key={to} type="button" className={to === 'resolved' ? 'small' : 'secondary outline small'} disabled={action.busy} onClick={() => change(to)}>
                {t(`ticket.to.${moveLabel(ticket.status, to)}`)}
              </button>
            ))}
          </div>
        )}
        {user.role === 'admin' && ticket.status !== 'closed' && (
          <label className="assign">
            {t('ticket.assign')}
            <select value={ticket.assigned_agent_id ?? ''} disabled={action.busy} onChange={(e) => assign(e.target.value)}>
              <option value="">{t('ticket.unassigned')}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ErrorNote error={action.error} />
      </header>
      <div className="ticket-body">
        <div className="ticket-main">
          <Conversation messages={messages} staff={staff} />
          <Composer ticket={ticket} onSent={addMessage} />
        </div>
        <aside className="ticket-side">
          <CustomerCard customer={customer} />
          <dl>
            <dt>{t('ticket.channel')}</dt>
            <dd>{ticket.channel}</dd>
            <dt>{t('ticket.created')}</dt>
            <dd>
              <time dateTime={ticket.created_at}>{formatTime(ticket.created_at, locale)}</time>
            </dd>
          </dl>
        </aside>
      </div>
    </div>
  );
};
