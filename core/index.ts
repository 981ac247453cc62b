/**
 * Switchboard's core: the pure domain of an omnichannel customer-support backend, as a library.
 *
 * Every use case is a class built from ports (`UnitOfWork`, `Clock`, `IdGenerator`, crypto ports) whose
 * `execute(input, actor)` returns an `Effect` failing only with tagged errors. Bring your own adapters
 * or use the shipped ones (`adapters/memory`, `adapters/mikro-orm`, `adapters/crypto`).
 *
 * @packageDocumentation
 */

// Shared kernel: ports every use case is built from, errors, events, paging.
export type { Actor } from './shared/actor.ts';
export type { Clock, IdGenerator } from './shared/ports.ts';
export type { Page, PageRequest } from './shared/page.ts';
export type { Store, UnitOfWork } from './shared/unit-of-work.port.ts';
export type { EventHandler, EventOutbox, OutboxEntry, OutboxFeed } from './shared/outbox.port.ts';
export type { AllocationCandidate, AllocationDecision, DomainEvent, DomainEventType, EventOf } from './shared/events.ts';
export { domainEvent } from './shared/events.ts';
export {
  DuplicateKey,
  Forbidden,
  InvalidInput,
  NotFound,
  PermanentJobFailure,
  RetryableJobFailure,
  StoreUnavailable,
  type Stored,
} from './shared/errors.ts';
export { jobFailureTable, type JobFailure, type JobFailureKind } from './shared/job-failure.ts';

// Tenancy and settings.
export type { Tenant, TenantSettings } from './tenancy/tenant.ts';
export { defaultSettings, sameTenant } from './tenancy/tenant.ts';
export type { TenantRepository } from './tenancy/tenant.port.ts';
export { CreateTenantUseCase } from './tenancy/create-tenant.use-case.ts';
export { GetSettingsUseCase } from './tenancy/get-settings.use-case.ts';
export { UpdateSettingsUseCase } from './tenancy/update-settings.use-case.ts';

// Staff access: users, roles, sessions.
export type { Availability, Role, User } from './access/user.ts';
export { availabilities, canLogin, emailKey, roles } from './access/user.ts';
export type { UserFilter, UserRepository } from './access/user.port.ts';
export type { RefreshToken } from './access/refresh-token.ts';
export type { RefreshTokenRepository } from './access/refresh-token.port.ts';
export type { AccessClaims, AccessTokenIssuer, PasswordHasher, RefreshTokenFactory, VerifiedAccess } from './access/credentials.port.ts';
export { actions, authorize, mayActOn, mayAttempt, permissionMatrix, type Action } from './access/permissions.ts';
export { EmailTaken, InvalidCredentials, InvalidRefreshToken, Unauthenticated } from './access/access.errors.ts';
export type { Session } from './access/session.ts';
export { LoginUseCase } from './access/login.use-case.ts';
export { RefreshUseCase } from './access/refresh.use-case.ts';
export { LogoutUseCase } from './access/logout.use-case.ts';
export { AuthenticateUseCase, type AuthenticatedActor } from './access/authenticate.use-case.ts';
export { GetMeUseCase } from './access/get-me.use-case.ts';
export { GetUserUseCase } from './access/get-user.use-case.ts';
export { ListUsersUseCase } from './access/list-users.use-case.ts';
export { CreateUserUseCase } from './access/create-user.use-case.ts';
export { UpdateUserUseCase } from './access/update-user.use-case.ts';
export { SetAvailabilityUseCase } from './access/set-availability.use-case.ts';

// Tickets, customers and their conversation.
export type { PlatformChannel, Ticket, TicketChannel, TicketPriority, TicketStatus } from './tickets/ticket.ts';
export { isActive, isPlatformChannel, platformChannels, ticketChannels, ticketPriorities, ticketStatuses } from './tickets/ticket.ts';
export type { Customer } from './tickets/customer.ts';
export type { Message, SenderType } from './tickets/message.ts';
export type { TicketFilter, TicketRepository } from './tickets/ticket.port.ts';
export type { CustomerRepository } from './tickets/customer.port.ts';
export type { MessageRepository } from './tickets/message.port.ts';
export { assign, canTransition, changeStatus, createTicket, isWaiting, unassign } from './tickets/ticket.ops.ts';
export type { AssignedBy, OpContext, QueueContext, TicketChange } from './tickets/ticket.ops.ts';
export { ExternalIdTaken, InvalidTransition, TicketClosed } from './tickets/tickets.errors.ts';
export { CreateTicketUseCase } from './tickets/create-ticket.use-case.ts';
export { GetTicketUseCase } from './tickets/get-ticket.use-case.ts';
export { ListTicketsUseCase } from './tickets/list-tickets.use-case.ts';
export { ChangeTicketStatusUseCase } from './tickets/change-ticket-status.use-case.ts';
export { AssignTicketUseCase } from './tickets/assign-ticket.use-case.ts';
export { CreateCustomerUseCase } from './tickets/create-customer.use-case.ts';
export { GetCustomerUseCase } from './tickets/get-customer.use-case.ts';
export { ListCustomersUseCase } from './tickets/list-customers.use-case.ts';
export { PostMessageUseCase } from './tickets/post-message.use-case.ts';
export { ListMessagesUseCase } from './tickets/list-messages.use-case.ts';

// Channels: customers writing in through a signed webhook.
export type { Channel } from './channels/channel.ts';
export type { ChannelRepository } from './channels/channel.port.ts';
export type { ChannelSignatureVerifier, SecretGenerator } from './channels/secret.port.ts';
export { ChannelUnauthenticated } from './channels/channels.errors.ts';
export { CreateChannelUseCase } from './channels/create-channel.use-case.ts';
export { ListChannelsUseCase } from './channels/list-channels.use-case.ts';
export { AuthenticateChannelUseCase } from './channels/authenticate-channel.use-case.ts';
export { ReceiveChannelMessageUseCase } from './channels/receive-channel-message.use-case.ts';

// Agent allocation.
export type { AgentLoad, AgentPool, AllocationQueue, QueuedTicket } from './allocation/allocation.port.ts';
export { chooseAgent, compareQueueOrder } from './allocation/allocation.policy.ts';
export { allocationTrigger } from './allocation/allocation-trigger.ts';
export { DrainQueueUseCase } from './allocation/drain-queue.use-case.ts';
export { AllocateTicketUseCase } from './allocation/allocate-ticket.use-case.ts';
export { ListQueueUseCase } from './allocation/list-queue.use-case.ts';
export { ListAgentLoadsUseCase } from './allocation/list-agent-loads.use-case.ts';
export type * from './allocation/chat-platform.port.ts';
export {
  ChatPlatformAdminMissing,
  ChatPlatformCredentialsRejected,
  ChatPlatformRequestRejected,
  ChatPlatformUnavailable,
  ChatRoomNotFound,
  InvalidPlatformNotice,
  claimsAccount,
} from './allocation/chat-platform.port.ts';
// The tenant's chat platform account; the platform's adapter supplies its `PlatformSettings`.
export type { PlatformIntegration, PlatformIntegrationView, PlatformSettings, PlatformSettingsInput } from './integrations/platform-integration.ts';
export type { LengthRule } from './tickets/text.rules.ts';

// Live events: the public envelope (SSE and webhooks), numbered per ticket and per tenant.
export type { EventEnvelope, EventRecord, LoggedEvent, PublicEventType } from './events/envelope.ts';
export { envelopeId, isPublicEventType, positionIn, publicEventTypes, toEnvelope, visibleTo } from './events/envelope.ts';
export type { EventLog } from './events/event-log.port.ts';
export { eventRecord, subjectOf } from './events/event-record.mapper.ts';
export { envelopeFor } from './events/envelope-for.ts';
export { recordingEvents } from './events/recording-store.ts';
export { PruneEventsUseCase, eventRetentionMs } from './events/prune-events.use-case.ts';
