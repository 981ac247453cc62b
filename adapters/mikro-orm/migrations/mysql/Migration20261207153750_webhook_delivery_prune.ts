import { Migration } from '@mikro-orm/migrations';

export class Migration20261207153750_webhook_delivery_prune extends Migration {

  override name = 'Migration20261207153750_webhook_delivery_prune';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_prune_index\` (\`status\`, \`created_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`webhook_deliveries\` drop index \`webhook_deliveries_prune_index\`;`);
  }

}
