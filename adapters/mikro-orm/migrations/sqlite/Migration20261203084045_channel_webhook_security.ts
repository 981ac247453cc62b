import type { Constructor } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { SecretCipher } from '../../../../core/integrations/integration.port.ts';
import { openChannelSecrets, sealLegacyChannelSecrets } from '../channel-secrets.ts';

/** Channel deliveries by `webhook-id`; channel secrets become `whsec_` secrets with the same key bytes, sealed with `cipher`. */
export const Migration20261203084045_channel_webhook_security = (cipher: SecretCipher): Constructor<Migration> =>
  class extends Migration {
    override name = 'Migration20261203084045_channel_webhook_security';

    override async up(): Promise<void> {
      await sealLegacyChannelSecrets((sql, params) => this.execute(sql, params), cipher);
      this.addSql(`create table \`channel_deliveries\` (\`channel_id\` text not null, \`delivery_id\` text not null, \`tenant_id\` text not null, \`received_at\` datetime not null, \`ticket_id\` text not null, \`message_id\` text not null, \`customer_id\` text not null, primary key (\`channel_id\`, \`delivery_id\`));`);
      this.addSql(`create index \`channel_deliveries_received_index\` on \`channel_deliveries\` (\`channel_id\`, \`received_at\`);`);

      this.addSql(`alter table \`channels\` rename column \`secret\` to \`secret_sealed\`;`);
    }

    override async down(): Promise<void> {
      await openChannelSecrets((sql, params) => this.execute(sql, params), cipher);
      this.addSql(`drop table if exists \`channel_deliveries\`;`);

      this.addSql(`alter table \`channels\` rename column \`secret_sealed\` to \`secret\`;`);
    }
  };
