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
      this.addSql(`create table \`channel_deliveries\` (\`channel_id\` varchar(64) not null, \`delivery_id\` varchar(255) not null, \`tenant_id\` varchar(64) not null, \`received_at\` datetime(3) not null, \`ticket_id\` varchar(64) not null, \`message_id\` varchar(64) not null, \`customer_id\` varchar(64) not null, primary key (\`channel_id\`, \`delivery_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
      this.addSql(`alter table \`channel_deliveries\` add index \`channel_deliveries_received_index\` (\`channel_id\`, \`received_at\`);`);

      this.addSql(`alter table \`channels\` change \`secret\` \`secret_sealed\` varchar(255) not null;`);
    }

    override async down(): Promise<void> {
      await openChannelSecrets((sql, params) => this.execute(sql, params), cipher);
      this.addSql(`drop table if exists \`channel_deliveries\`;`);

      this.addSql(`alter table \`channels\` change \`secret_sealed\` \`secret\` varchar(255) not null;`);
    }
  };
