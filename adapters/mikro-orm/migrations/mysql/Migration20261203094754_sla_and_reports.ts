import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094754_sla_and_reports extends Migration {

  override name = 'Migration20261203094754_sla_and_reports';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`tenants\` add \`sla_policy\` text null, add \`business_hours\` text null;`);

    this.addSql(`alter table \`tickets\` add \`sla_policy\` text null, add \`sla_first_response_due_at\` datetime(3) null, add \`sla_resolution_due_at\` datetime(3) null, add \`sla_first_response_breached_at\` datetime(3) null, add \`sla_resolution_breached_at\` datetime(3) null, add \`sla_breached\` tinyint(1) not null default false, add \`sla_next_due_at\` datetime(3) null, add \`first_responded_at\` datetime(3) null, add \`first_responder_id\` varchar(64) null, add \`resolved_at\` datetime(3) null, add \`assigned_at\` datetime(3) null, add \`first_assigned_at\` datetime(3) null, add \`wait_ms\` bigint null;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_sla_breached_index\` (\`tenant_id\`, \`sla_breached\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_sla_due_index\` (\`tenant_id\`, \`sla_next_due_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_sla_sweep_index\` (\`sla_next_due_at\`, \`tenant_id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_resolved_index\` (\`tenant_id\`, \`resolved_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_responded_index\` (\`tenant_id\`, \`first_responded_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_first_assigned_index\` (\`tenant_id\`, \`first_assigned_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_assigned_at_index\` (\`tenant_id\`, \`assigned_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`tenants\` drop column \`sla_policy\`, drop column \`business_hours\`;`);

    this.addSql(`alter table \`tickets\` drop index \`tickets_sla_breached_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_sla_due_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_sla_sweep_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_resolved_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_responded_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_first_assigned_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_assigned_at_index\`;`);
    this.addSql(`alter table \`tickets\` drop column \`sla_policy\`, drop column \`sla_first_response_due_at\`, drop column \`sla_resolution_due_at\`, drop column \`sla_first_response_breached_at\`, drop column \`sla_resolution_breached_at\`, drop column \`sla_breached\`, drop column \`sla_next_due_at\`, drop column \`first_responded_at\`, drop column \`first_responder_id\`, drop column \`resolved_at\`, drop column \`assigned_at\`, drop column \`first_assigned_at\`, drop column \`wait_ms\`;`);
  }

}
