import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094754_sla_and_reports extends Migration {

  override name = 'Migration20261203094754_sla_and_reports';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`tenants\` add column \`sla_policy\` text null;`);
    this.addSql(`alter table \`tenants\` add column \`business_hours\` text null;`);

    this.addSql(`alter table \`tickets\` add column \`sla_policy\` text null;`);
    this.addSql(`alter table \`tickets\` add column \`sla_first_response_due_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`sla_resolution_due_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`sla_first_response_breached_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`sla_resolution_breached_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`sla_breached\` integer not null default false;`);
    this.addSql(`alter table \`tickets\` add column \`sla_next_due_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`first_responded_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`first_responder_id\` text null;`);
    this.addSql(`alter table \`tickets\` add column \`resolved_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`assigned_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`first_assigned_at\` datetime null;`);
    this.addSql(`alter table \`tickets\` add column \`wait_ms\` bigint null;`);
    this.addSql(`create index \`tickets_sla_breached_index\` on \`tickets\` (\`tenant_id\`, \`sla_breached\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`tickets_sla_due_index\` on \`tickets\` (\`tenant_id\`, \`sla_next_due_at\`);`);
    this.addSql(`create index \`tickets_sla_sweep_index\` on \`tickets\` (\`sla_next_due_at\`, \`tenant_id\`);`);
    this.addSql(`create index \`tickets_resolved_index\` on \`tickets\` (\`tenant_id\`, \`resolved_at\`);`);
    this.addSql(`create index \`tickets_responded_index\` on \`tickets\` (\`tenant_id\`, \`first_responded_at\`);`);
    this.addSql(`create index \`tickets_first_assigned_index\` on \`tickets\` (\`tenant_id\`, \`first_assigned_at\`);`);
    this.addSql(`create index \`tickets_assigned_at_index\` on \`tickets\` (\`tenant_id\`, \`assigned_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`tenants\` drop column \`sla_policy\`;`);
    this.addSql(`alter table \`tenants\` drop column \`business_hours\`;`);

    this.addSql(`drop index \`tickets_sla_breached_index\`;`);
    this.addSql(`drop index \`tickets_sla_due_index\`;`);
    this.addSql(`drop index \`tickets_sla_sweep_index\`;`);
    this.addSql(`drop index \`tickets_resolved_index\`;`);
    this.addSql(`drop index \`tickets_responded_index\`;`);
    this.addSql(`drop index \`tickets_first_assigned_index\`;`);
    this.addSql(`drop index \`tickets_assigned_at_index\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_policy\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_first_response_due_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_resolution_due_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_first_response_breached_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_resolution_breached_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_breached\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_next_due_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`first_responded_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`first_responder_id\`;`);
    this.addSql(`alter table \`tickets\` drop column \`resolved_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`assigned_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`first_assigned_at\`;`);
    this.addSql(`alter table \`tickets\` drop column \`wait_ms\`;`);
  }

}
