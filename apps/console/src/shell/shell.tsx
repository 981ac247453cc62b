import { useConsole } from '../context.tsx';
import { href, useRoute } from '../router.ts';
import { AgentsScreen } from '../admin/agents.tsx';
import { ChannelsScreen } from '../admin/channels.tsx';
import { QiscusScreen } from '../admin/qiscus.tsx';
import { QueueScreen } from '../admin/queue.tsx';
import { ReportsScreen } from '../admin/reports.tsx';
import { SettingsScreen } from '../admin/settings.tsx';
import { UsersScreen } from '../admin/users.tsx';
import { WebhooksScreen } from '../admin/webhooks/webhooks.tsx';
import { Inbox, isTab } from '../inbox/inbox.tsx';
import type { TextKey } from '../lib/i18n.ts';
import { Header } from './header.tsx';

const adminScreens = {
  agents: AgentsScreen,
  queue: QueueScreen,
  settings: SettingsScreen,
  users: UsersScreen,
  channels: ChannelsScreen,
  webhooks: WebhooksScreen,
  qiscus: QiscusScreen,
  reports: ReportsScreen,
} as const;
type AdminScreen = keyof typeof adminScreens;
const adminNames = Object.keys(adminScreens) as ReadonlyArray<AdminScreen>;

export const Shell = () => {
  const { user, t } = useConsole();
  const [first, second, third] = useRoute();
  const admin = user.role === 'admin';
  const screen = admin && adminNames.includes(first as AdminScreen) ? (first as AdminScreen) : null;
  const Screen = screen === null ? null : adminScreens[screen];
  const nav: ReadonlyArray<string> = admin ? ['inbox', ...adminNames] : ['inbox'];
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <Header />
      {nav.length > 1 && (
        <nav className="sections" aria-label={t('nav.main')}>
          <ul>
            {nav.map((name) => (
              <li key={name}>
                <a href={href(name)} aria-current={(screen ?? 'inbox') === name ? 'page' : undefined}>
                  {t(`nav.${name}` as TextKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1} className="container-fluid">
        {Screen !== null ? <Screen /> : <Inbox tab={isTab(second) ? second : 'mine'} ticketId={first === 'inbox' ? (third ?? null) : null} />}
      </main>
    </>
  );
};
