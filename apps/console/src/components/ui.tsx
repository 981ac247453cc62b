import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useText } from '../context.tsx';
import { ApiError } from '../lib/api-error.ts';
import type { Priority, Status } from '../lib/types.ts';

/** The API's error message (and its field-less details) in an alert. */
export const ErrorNote = ({ error, fields = [] }: { readonly error: unknown; readonly fields?: ReadonlyArray<string> }) => {
  const { t } = useText();
  if (error === null || error === undefined) return null;
  const apiError = error instanceof ApiError ? error : null;
  const rest = apiError?.details.filter((d) => !fields.some((f) => d.path === f || d.path.startsWith(`${f}.`))) ?? [];
  return (
    <div className="error-note" role="alert">
      <strong>{apiError?.message ?? t('common.error')}</strong>
      {rest.length > 0 && (
        <ul>
          {rest.map((d) => (
            <li key={d.path + d.message}>
              {d.path !== '' ? <code>{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  readonly label: string;
  readonly name: string;
  readonly error?: unknown;
}

/** A labelled input showing the API's error for its field below it. */
export const Field = ({ label, name, error, ...input }: FieldProps) => {
  const message = error instanceof ApiError ? error.forField(name) : undefined;
  const id = `field-${name}`;
  return (
    <label htmlFor={id}>
      {label}
      <input id={id} name={name} {...input} aria-invalid={message === undefined ? undefined : true} aria-describedby={message === undefined ? undefined : `${id}-error`} />
      {message !== undefined && (
        <small id={`${id}-error`} className="field-error">
          {message}
        </small>
      )}
    </label>
  );
};

export const Loading = () => {
  const { t } = useText();
  return (
    <p className="muted" aria-busy="true">
      {t('common.loading')}
    </p>
  );
};

export const Empty = ({ children }: { readonly children: ReactNode }) => <p className="empty">{children}</p>;

export const StatusBadge = ({ status }: { readonly status: Status }) => {
  const { t } = useText();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
};

export const PriorityBadge = ({ priority }: { readonly priority: Priority }) => {
  const { t } = useText();
  return <span className={`badge priority-${priority}`}>{t(`priority.${priority}`)}</span>;
};

export const CopyButton = ({ text, label }: { readonly text: string; readonly label: string }) => {
  const { t } = useText();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary small"
      aria-label={`${t('common.copy')}: ${label}`}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
};

/** Runs an async action, keeping its error and busy flag for the form that started it. */
export const useAction = () => {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, setError };
};

/** A table that may scroll sideways on a narrow screen: focusable, so the keyboard can scroll it too. */
export const TableScroll = ({ label, children }: { readonly label: string; readonly children: ReactNode }) => (
  <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
    {children}
  </div>
);
