import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141509_report_covering_indexes extends Migration {

  override name = 'Migration20261203141509_report_covering_indexes';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`tickets\` drop index \`tickets_assigned_at_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_first_assigned_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_resolved_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_responded_index\`;`);
    this.addSql(`alter table \`tickets\` add \`first_response_ms\` bigint null, add \`resolution_ms\` bigint null, add \`sla_targeted\` tinyint(1) not null default false;`);
    // Existing tickets get the derived figures the mapper now writes with every ticket.
    this.addSql(`update \`tickets\` set \`first_response_ms\` = timestampdiff(microsecond, \`created_at\`, \`first_responded_at\`) div 1000 where \`first_responded_at\` is not null;`);
    this.addSql(`update \`tickets\` set \`resolution_ms\` = timestampdiff(microsecond, \`created_at\`, \`resolved_at\`) div 1000 where \`resolved_at\` is not null;`);
    this.addSql(`update \`tickets\` set \`sla_targeted\` = true where \`sla_policy\` is not null;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_report_created_index\` (\`tenant_id\`, \`created_at\`, \`sla_targeted\`, \`sla_breached\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_wait_order_index\` (\`tenant_id\`, \`wait_ms\`, \`first_assigned_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_response_order_index\` (\`tenant_id\`, \`first_response_ms\`, \`first_responded_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_resolution_order_index\` (\`tenant_id\`, \`resolution_ms\`, \`resolved_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_responder_order_index\` (\`tenant_id\`, \`first_responder_id\`, \`first_response_ms\`, \`first_responded_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_report_index\` (\`tenant_id\`, \`assigned_agent_id\`, \`assigned_at\`, \`resolved_at\`, \`created_at\`, \`sla_targeted\`, \`sla_breached\`, \`first_assigned_at\`, \`wait_ms\`, \`status\`, \`queued_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_assigned_at_index\` (\`tenant_id\`, \`assigned_at\`, \`assigned_agent_id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_first_assigned_index\` (\`tenant_id\`, \`first_assigned_at\`, \`wait_ms\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_resolved_index\` (\`tenant_id\`, \`resolved_at\`, \`resolution_ms\`, \`assigned_agent_id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_responded_index\` (\`tenant_id\`, \`first_responded_at\`, \`first_response_ms\`, \`first_responder_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`tickets\` drop index \`tickets_report_created_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_wait_order_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_response_order_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_resolution_order_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_responder_order_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_report_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_resolved_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_responded_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_first_assigned_index\`;`);
    this.addSql(`alter table \`tickets\` drop index \`tickets_assigned_at_index\`;`);
    this.addSql(`alter table \`tickets\` drop column \`first_response_ms\`, drop column \`resolution_ms\`, drop column \`sla_targeted\`;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_resolved_index\` (\`tenant_id\`, \`resolved_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_responded_index\` (\`tenant_id\`, \`first_responded_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_first_assigned_index\` (\`tenant_id\`, \`first_assigned_at\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_assigned_at_index\` (\`tenant_id\`, \`assigned_at\`);`);
  }

}
