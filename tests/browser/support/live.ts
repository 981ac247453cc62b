import type { Page } from 'playwright-core';

// Runs in the page before its own scripts (as text: these tests compile without the DOM types). It keeps the
// EventSources the console opens, so a test can drop one as a network failure would, and stands in for the
// desktop notification API, granted, recording the body of each notification shown.
const watchScript = `
  window.__streams = [];
  window.__notifications = [];
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      window.__streams.push(this);
    }
  };
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title, options) {
      window.__notifications.push(options?.body ?? '');
    }
  }
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
`;

export const watchLivePage = async (page: Page): Promise<void> => {
  await page.addInitScript({ content: watchScript });
};

/** Ends the newest stream the way a dropped connection does: closed, then an `error` to its handler. */
export const dropStream = (page: Page): Promise<void> =>
  page.evaluate(`(() => {
    const stream = window.__streams.at(-1);
    if (stream === undefined) throw new Error('no stream open');
    stream.close();
    stream.onerror?.(new Event('error'));
  })()`);

export const notifications = (page: Page): Promise<string[]> => page.evaluate<string[]>('window.__notifications');

/** The URLs of the streams the page opened, oldest first. */
export const streamUrls = (page: Page): Promise<string[]> => page.evaluate<string[]>('window.__streams.map((s) => s.url)');
