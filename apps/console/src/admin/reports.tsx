import { useState } from 'react';
import { ErrorNote, Loading, TableScroll } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { ApiError } from '../lib/api-error.ts';
import { useResource } from './use-resource.ts';

interface Percentiles {
  readonly p50: number | null;
  readonly p90: number | null;
}

interface SupportReport {
  readonly from: string;
  readonly to: string;
  readonly tickets_created: number;
  readonly tickets_resolved: number;
  readonly waiting_now: number;
  readonly wait_seconds: Percentiles;
  readonly first_response_seconds: Percentiles;
  readonly resolution_seconds: Percentiles;
  readonly sla: { readonly met: number; readonly breached: number };
  readonly fairness_index: number | null;
  readonly agents: ReadonlyArray<{
    readonly agent_id: string;
    readonly name: string;
    readonly assigned: number;
    readonly resolved: number;
    readonly first_response_seconds_p50: number | null;
    readonly load_now: number;
    readonly capacity: number;
  }>;
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Seconds as "45 s", "12 min", "3.5 h". */
const duration = (seconds: number | null, none: string): string =>
  seconds === null ? none : seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;

export const ReportsScreen = () => {
  const { api, t } = useConsole();
  const [from, setFrom] = useState(day(-7));
  const [to, setTo] = useState(day(0));
  const query = new URLSearchParams({ from: new Date(`${from}T00:00:00`).toISOString(), to: new Date(`${to}T23:59:59.999`).toISOString() });
  const { data, error, reload } = useResource(() => api.get<SupportReport>(`/api/reports/support?${query}`));
  if (error instanceof ApiError && error.status === 404) return <p className="notice">{t('reports.missing')}</p>;
  const none = t('common.none');
  const pair = (p: Percentiles) => `${duration(p.p50, none)} / ${duration(p.p90, none)}`;
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void reload();
        }}
      >
        <label>
          {t('reports.from')}
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">{t('reports.show')}</button>
      </form>
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : (
        <>
          <dl className="figures">
            <div><dt>{t('reports.created')}</dt><dd>{data.tickets_created}</dd></div>
            <div><dt>{t('reports.resolved')}</dt><dd>{data.tickets_resolved}</dd></div>
            <div><dt>{t('reports.waitingNow')}</dt><dd>{data.waiting_now}</dd></div>
            <div><dt>{t('reports.wait')}</dt><dd>{pair(data.wait_seconds)}</dd></div>
            <div><dt>{t('reports.firstResponse')}</dt><dd>{pair(data.first_response_seconds)}</dd></div>
            <div><dt>{t('reports.resolution')}</dt><dd>{pair(data.resolution_seconds)}</dd></div>
            <div><dt>{t('reports.sla')}</dt><dd>{t('reports.slaValue', { met: data.sla.met, breached: data.sla.breached })}</dd></div>
            <div><dt>{t('reports.fairness')}</dt><dd>{data.fairness_index === null ? none : data.fairness_index.toFixed(2)}</dd></div>
          </dl>
          <TableScroll label={t('agents.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('reports.assigned')}</th>
                  <th scope="col">{t('reports.resolved')}</th>
                  <th scope="col">{t('reports.firstResponseP50')}</th>
                  <th scope="col">{t('agents.load')}</th>
                </tr>
              </thead>
              <tbody>
                {data.agents.map((a) => (
                  <tr key={a.agent_id}>
                    <th scope="row">{a.name}</th>
                    <td>{a.assigned}</td>
                    <td>{a.resolved}</td>
                    <td>{duration(a.first_response_seconds_p50, none)}</td>
                    <td>{t('agents.loadOf', { load: a.load_now, capacity: a.capacity })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
};
