import { useConsole } from '../context.tsx';
import type { SlaTargets } from '../lib/sla.ts';
import type { Priority } from '../lib/types.ts';

const priorities: ReadonlyArray<Priority> = ['high', 'medium', 'low'];

/** SLA targets per priority, in minutes (shown when the server has SLAs). */
export const SlaFields = ({ value, onChange }: { readonly value: SlaTargets; readonly onChange: (value: SlaTargets) => void }) => {
  const { t } = useConsole();
  return (
    <fieldset className="sla">
      <legend>{t('settings.sla')}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('inbox.priority')}</th>
            <th scope="col">{t('settings.firstResponse')}</th>
            <th scope="col">{t('settings.resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {priorities.map((p) => (
            <tr key={p}>
              <th scope="row">{t(`priority.${p}`)}</th>
              {(['first_response_minutes', 'resolution_minutes'] as const).map((field) => (
                <td key={field}>
                  <input
                    type="number"
                    min={1}
                    name={`sla.${p}.${field}`}
                    aria-label={`${t(`priority.${p}`)}: ${t(field === 'first_response_minutes' ? 'settings.firstResponse' : 'settings.resolution')}`}
                    value={value[p][field]}
                    onChange={(e) => onChange({ ...value, [p]: { ...value[p], [field]: e.target.value } })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
};
