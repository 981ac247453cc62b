import { openStore as openNamedStore, type OpenStore, type OpenStoreOptions } from '../shared/open-store.ts';
import { AesGcmSecretBox } from '../../adapters/crypto/secret-box.ts';
import type { ApiConfig } from './config.ts';

export type { OpenStore } from '../shared/open-store.ts';

/** The one place the API chooses its store: the one `DATABASE_URL` names, migrated first (`memory:` is for tests). */
export const openStore = (config: Pick<ApiConfig, 'databaseUrl'> & Partial<Pick<ApiConfig, 'secretsKey'>>, options: OpenStoreOptions = {}): Promise<OpenStore> =>
  openNamedStore(config.databaseUrl, { ...(config.secretsKey === undefined ? {} : { secrets: new AesGcmSecretBox(config.secretsKey) }), ...options });
