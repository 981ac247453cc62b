import type { MigrationObject } from '@mikro-orm/core';
import type { SecretCipher } from '../../../../core/integrations/integration.port.ts';
import { missingSecretCipher } from '../../mikro-orm-integration.repository.ts';
import { Migration20261121081939_initial } from './Migration20261121081939_initial.ts';
import { Migration20261121083247_qiscus_integrations } from './Migration20261121083247_qiscus_integrations.ts';
import { Migration20261121091044_queue_order_index } from './Migration20261121091044_queue_order_index.ts';
import { Migration20261203081227_event_log } from './Migration20261203081227_event_log.ts';
import { Migration20261203084045_channel_webhook_security } from './Migration20261203084045_channel_webhook_security.ts';
import { Migration20261203091000_room_sessions } from './Migration20261203091000_room_sessions.ts';
import { Migration20261203094754_sla_and_reports } from './Migration20261203094754_sla_and_reports.ts';
import { Migration20261203121554_rate_limits } from './Migration20261203121554_rate_limits.ts';
import { Migration20261203125351_webhooks } from './Migration20261203125351_webhooks.ts';
import { Migration20261203135704_stream_access } from './Migration20261203135704_stream_access.ts';
import { Migration20261203141508_report_covering_indexes } from './Migration20261203141508_report_covering_indexes.ts';
import { Migration20261207142629_report_days } from './Migration20261207142629_report_days.ts';
import { Migration20261207153748_webhook_delivery_prune } from './Migration20261207153748_webhook_delivery_prune.ts';

/** The sqlite migration set, oldest first (`secrets` seals stored secrets that a migration moves; new ones come from `node adapters/mikro-orm/migrations/create-migration.ts <name>`). */
export const sqliteMigrations = (secrets: SecretCipher = missingSecretCipher): ReadonlyArray<MigrationObject> => [
  { name: 'Migration20261121081939_initial', class: Migration20261121081939_initial },
  { name: 'Migration20261121083247_qiscus_integrations', class: Migration20261121083247_qiscus_integrations },
  { name: 'Migration20261121091044_queue_order_index', class: Migration20261121091044_queue_order_index },
  { name: 'Migration20261203081227_event_log', class: Migration20261203081227_event_log },
  { name: 'Migration20261203084045_channel_webhook_security', class: Migration20261203084045_channel_webhook_security(secrets) },
  { name: 'Migration20261203091000_room_sessions', class: Migration20261203091000_room_sessions },
  { name: 'Migration20261203094754_sla_and_reports', class: Migration20261203094754_sla_and_reports },
  { name: 'Migration20261203121554_rate_limits', class: Migration20261203121554_rate_limits },
  { name: 'Migration20261203125351_webhooks', class: Migration20261203125351_webhooks },
  { name: 'Migration20261203135704_stream_access', class: Migration20261203135704_stream_access },
  { name: 'Migration20261203141508_report_covering_indexes', class: Migration20261203141508_report_covering_indexes },
  { name: 'Migration20261207142629_report_days', class: Migration20261207142629_report_days },
  { name: 'Migration20261207153748_webhook_delivery_prune', class: Migration20261207153748_webhook_delivery_prune },
];
