import { Migration } from '@mikro-orm/migrations';

export class Migration20261207153748_webhook_delivery_prune extends Migration {

  override name = 'Migration20261207153748_webhook_delivery_prune';

  override up(): void | Promise<void> {
    this.addSql(`create index \`webhook_deliveries_prune_index\` on \`webhook_deliveries\` (\`status\`, \`created_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`webhook_deliveries_prune_index\`;`);
  }

}
