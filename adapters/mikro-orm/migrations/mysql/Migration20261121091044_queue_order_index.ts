import { Migration } from '@mikro-orm/migrations';

export class Migration20261121091044_queue_order_index extends Migration {

  override name = 'Migration20261121091044_queue_order_index';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`tickets\` drop index \`tickets_queue_index\`;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_queue_index\` (\`tenant_id\`, \`priority_rank\`, \`queued_at\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`tickets\` drop index \`tickets_queue_index\`;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_queue_index\` (\`tenant_id\`, \`queued_at\`, \`priority_rank\`, \`id\`);`);
  }

}
