import { openStore as openNamedStore, type OpenStore, type OpenStoreOptions } from '../shared/open-store.ts';
import type { ApiConfig } from './config.ts';

export type { OpenStore } from '../shared/open-store.ts';

/** The one place the API chooses its store: the one `DATABASE_URL` names, migrated first (`memory:` is for tests). */
export const openStore = (config: Pick<ApiConfig, 'databaseUrl'>, options: OpenStoreOptions = {}): Promise<OpenStore> =>
  openNamedStore(config.databaseUrl, options);
