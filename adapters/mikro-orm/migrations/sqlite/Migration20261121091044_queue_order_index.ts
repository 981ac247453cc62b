import { Migration } from '@mikro-orm/migrations';

export class Migration20261121091044_queue_order_index extends Migration {

  override name = 'Migration20261121091044_queue_order_index';

  override up(): void | Promise<void> {
    this.addSql(`drop index \`tickets_queue_index\`;`);
    this.addSql(`create index \`tickets_queue_index\` on \`tickets\` (\`tenant_id\`, \`priority_rank\`, \`queued_at\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`tickets_queue_index\`;`);
    this.addSql(`create index \`tickets_queue_index\` on \`tickets\` (\`tenant_id\`, \`queued_at\`, \`priority_rank\`, \`id\`);`);
  }

}
