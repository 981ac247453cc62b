import { CopyButton } from '../../components/ui.tsx';
import { useConsole } from '../../context.tsx';

/** A webhook's signing secret, shown once after it is made or rotated. */
export const SecretOnce = ({ url, secret }: { readonly url: string; readonly secret: string }) => {
  const { t } = useConsole();
  return (
    <article className="secret" role="status">
      <p>
        <strong>{t('channels.once')}</strong> <code>{url}</code>
      </p>
      <code data-testid="webhook-secret">{secret}</code> <CopyButton text={secret} label={t('channels.secret')} />
    </article>
  );
};
