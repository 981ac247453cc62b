import { tenantRepositoryContract } from './suites/tenant-repository.contract.ts';
import { userRepositoryContract } from './suites/user-repository.contract.ts';
import { refreshTokenRepositoryContract } from './suites/refresh-token-repository.contract.ts';
import { customerRepositoryContract } from './suites/customer-repository.contract.ts';
import { ticketRepositoryContract } from './suites/ticket-repository.contract.ts';
import { ticketSlaContract } from './suites/ticket-sla.contract.ts';
import { supportReportContract } from './suites/support-report.contract.ts';
import { messageRepositoryContract } from './suites/message-repository.contract.ts';
import { channelRepositoryContract } from './suites/channel-repository.contract.ts';
import { agentPoolContract } from './suites/agent-pool.contract.ts';
import { allocationQueueContract } from './suites/allocation-queue.contract.ts';
import { eventOutboxContract } from './suites/event-outbox.contract.ts';
import { unitOfWorkContract } from './suites/unit-of-work.contract.ts';
import { integrationRepositoryContract } from './suites/integration-repository.contract.ts';
import { eventLogContract } from './suites/event-log.contract.ts';
import { streamAccessContract } from './suites/stream-access.contract.ts';
import { webhookDeliveryPruneContract } from './suites/webhook-delivery-prune.contract.ts';
import type { ContractEnvFactory } from './contract-env.ts';

/** Every port contract suite; each adapter's test file runs them all against its own store. */
export const allContracts: ReadonlyArray<(makeEnv: ContractEnvFactory) => void> = [
  tenantRepositoryContract,
  userRepositoryContract,
  refreshTokenRepositoryContract,
  customerRepositoryContract,
  ticketRepositoryContract,
  ticketSlaContract,
  supportReportContract,
  messageRepositoryContract,
  channelRepositoryContract,
  agentPoolContract,
  allocationQueueContract,
  eventOutboxContract,
  unitOfWorkContract,
  integrationRepositoryContract,
  eventLogContract,
  streamAccessContract,
  webhookDeliveryPruneContract,
];
