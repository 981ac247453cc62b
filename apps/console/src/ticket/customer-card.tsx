import { useConsole } from '../context.tsx';
import type { Customer } from '../lib/types.ts';

export const CustomerCard = ({ customer }: { readonly customer: Customer | null }) => {
  const { t } = useConsole();
  if (customer === null) return null;
  const none = t('common.none');
  return (
    <section className="customer" aria-labelledby="customer-title">
      <h3 id="customer-title">{t('ticket.customer')}</h3>
      <p className="customer-name">{customer.name}</p>
      <dl>
        <dt>{t('common.email')}</dt>
        <dd>{customer.email ?? none}</dd>
        <dt>{t('ticket.phone')}</dt>
        <dd>{customer.phone ?? none}</dd>
        <dt>{t('ticket.externalId')}</dt>
        <dd>{customer.external_id ?? none}</dd>
      </dl>
    </section>
  );
};
