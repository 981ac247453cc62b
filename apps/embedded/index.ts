/** The one-call facade: the whole Switchboard (store, use cases, HTTP API, jobs) inside another Node app. */
export { createSwitchboard, type Switchboard, type SwitchboardUseCases } from './create-switchboard.ts';
export type { SwitchboardOptions } from './options.ts';
export { ConfigError } from '../shared/env.ts';
