import type { PasswordHasher, AccessTokenIssuer, RefreshTokenFactory } from '../../core/access/credentials.port.ts';
import { AuthenticateUseCase } from '../../core/access/authenticate.use-case.ts';
import { CreateUserUseCase } from '../../core/access/create-user.use-case.ts';
import { GetMeUseCase } from '../../core/access/get-me.use-case.ts';
import { GetUserUseCase } from '../../core/access/get-user.use-case.ts';
import { ListUsersUseCase } from '../../core/access/list-users.use-case.ts';
import { LoginUseCase } from '../../core/access/login.use-case.ts';
import { LogoutUseCase } from '../../core/access/logout.use-case.ts';
import { RefreshUseCase } from '../../core/access/refresh.use-case.ts';
import { SetAvailabilityUseCase } from '../../core/access/set-availability.use-case.ts';
import { UpdateUserUseCase } from '../../core/access/update-user.use-case.ts';
import { ListAgentLoadsUseCase } from '../../core/allocation/list-agent-loads.use-case.ts';
import { GetSupportReportUseCase } from '../../core/tickets/get-support-report.use-case.ts';
import { ListQueueUseCase } from '../../core/allocation/list-queue.use-case.ts';
import { AuthenticateChannelUseCase } from '../../core/channels/authenticate-channel.use-case.ts';
import { CreateChannelUseCase } from '../../core/channels/create-channel.use-case.ts';
import { ListChannelsUseCase } from '../../core/channels/list-channels.use-case.ts';
import { ReceiveChannelMessageUseCase } from '../../core/channels/receive-channel-message.use-case.ts';
import type { ChannelSignatureVerifier, SecretGenerator } from '../../core/channels/secret.port.ts';
import type { DestinationPolicy } from '../../core/shared/outbound.port.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { GetSettingsUseCase } from '../../core/tenancy/get-settings.use-case.ts';
import { UpdateSettingsUseCase } from '../../core/tenancy/update-settings.use-case.ts';
import { AssignTicketUseCase } from '../../core/tickets/assign-ticket.use-case.ts';
import { ChangeTicketStatusUseCase } from '../../core/tickets/change-ticket-status.use-case.ts';
import { CreateCustomerUseCase } from '../../core/tickets/create-customer.use-case.ts';
import { CreateTicketUseCase } from '../../core/tickets/create-ticket.use-case.ts';
import { GetCustomerUseCase } from '../../core/tickets/get-customer.use-case.ts';
import { GetTicketUseCase } from '../../core/tickets/get-ticket.use-case.ts';
import { ListCustomersUseCase } from '../../core/tickets/list-customers.use-case.ts';
import { ListMessagesUseCase } from '../../core/tickets/list-messages.use-case.ts';
import { ListTicketsUseCase } from '../../core/tickets/list-tickets.use-case.ts';
import { PostMessageUseCase } from '../../core/tickets/post-message.use-case.ts';
import type { HttpUseCases } from '../../adapters/http-koa/http-deps.ts';
import type { ChatPlatform, ChatPlatformNotices } from '../../core/allocation/chat-platform.port.ts';
import type { PlatformSettings } from '../../core/integrations/platform-integration.ts';
import { ConfigurePlatformUseCase } from '../../core/integrations/configure-platform.use-case.ts';
import { GetPlatformIntegrationUseCase } from '../../core/integrations/get-platform-integration.use-case.ts';
import { SetMarkAsResolvedUseCase } from '../../core/integrations/set-mark-as-resolved.use-case.ts';
import { AuthenticatePlatformWebhookUseCase } from '../../core/integrations/authenticate-platform-webhook.use-case.ts';
import { RoomNeedsAgentUseCase } from '../../core/integrations/room-needs-agent.use-case.ts';
import { RoomResolvedUseCase } from '../../core/integrations/room-resolved.use-case.ts';
import { CreateWebhookUseCase } from '../../core/webhooks/create-webhook.use-case.ts';
import { DeleteWebhookUseCase } from '../../core/webhooks/delete-webhook.use-case.ts';
import { GetWebhookUseCase } from '../../core/webhooks/get-webhook.use-case.ts';
import { ListDeliveriesUseCase } from '../../core/webhooks/list-deliveries.use-case.ts';
import { ListWebhooksUseCase } from '../../core/webhooks/list-webhooks.use-case.ts';
import { RedeliverUseCase } from '../../core/webhooks/redeliver.use-case.ts';
import { RotateWebhookSecretUseCase } from '../../core/webhooks/rotate-webhook-secret.use-case.ts';
import { UpdateWebhookUseCase } from '../../core/webhooks/update-webhook.use-case.ts';
import { ClaimStreamUseCase } from '../../core/events/claim-stream.use-case.ts';
import { IssueStreamTicketUseCase } from '../../core/events/issue-stream-ticket.use-case.ts';
import { RedeemStreamTicketUseCase } from '../../core/events/redeem-stream-ticket.use-case.ts';
import { streamLeaseMinimumMs } from '../../core/events/stream-leases.ts';

/** Every port a use case of the API may need, resolved once by the container. */
export interface CoreDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly accessTokens: AccessTokenIssuer;
  readonly refreshTokens: RefreshTokenFactory;
  /** Random tokens: channel keys, webhook tokens. */
  readonly secrets: SecretGenerator;
  /** Channel and webhook signing secrets (`whsec_…`). */
  readonly channelSecrets: SecretGenerator;
  readonly verifier: ChannelSignatureVerifier;
  readonly platform: ChatPlatform;
  readonly notices: ChatPlatformNotices;
  /** The chat platform's settings rules, defaults and webhook paths (its adapter's). */
  readonly platformSettings: PlatformSettings;
  /** How the outside world reaches this API (webhook URLs). */
  readonly publicBaseUrl: string;
  /** The outbound URL rule, for URLs admins set (Qiscus `base_url`, webhooks). */
  readonly destinations: DestinationPolicy;
  /** Live-event streams: how many per user, and how long a lease lives without a heartbeat. */
  readonly eventStreams?: { readonly perUser: number; readonly leaseMs: number };
}

/** How each use case of the API is built from the ports (exhaustive over `HttpUseCases`). */
export const useCaseFactories: { readonly [K in keyof HttpUseCases]: (deps: CoreDeps) => HttpUseCases[K] } = {
  authenticate: (d) => new AuthenticateUseCase(d),
  login: (d) => new LoginUseCase(d),
  refresh: (d) => new RefreshUseCase(d),
  logout: (d) => new LogoutUseCase(d),
  getMe: (d) => new GetMeUseCase(d),
  setAvailability: (d) => new SetAvailabilityUseCase(d),
  listUsers: (d) => new ListUsersUseCase(d),
  getUser: (d) => new GetUserUseCase(d),
  createUser: (d) => new CreateUserUseCase(d),
  updateUser: (d) => new UpdateUserUseCase(d),
  listCustomers: (d) => new ListCustomersUseCase(d),
  getCustomer: (d) => new GetCustomerUseCase(d),
  createCustomer: (d) => new CreateCustomerUseCase(d),
  listTickets: (d) => new ListTicketsUseCase(d),
  getTicket: (d) => new GetTicketUseCase(d),
  createTicket: (d) => new CreateTicketUseCase(d),
  changeTicketStatus: (d) => new ChangeTicketStatusUseCase(d),
  assignTicket: (d) => new AssignTicketUseCase(d),
  listMessages: (d) => new ListMessagesUseCase(d),
  postMessage: (d) => new PostMessageUseCase(d),
  getSettings: (d) => new GetSettingsUseCase(d),
  updateSettings: (d) => new UpdateSettingsUseCase(d),
  createChannel: (d) => new CreateChannelUseCase({ ...d, keys: d.secrets, secrets: d.channelSecrets }),
  listChannels: (d) => new ListChannelsUseCase(d),
  authenticateChannel: (d) => new AuthenticateChannelUseCase(d),
  receiveChannelMessage: (d) => new ReceiveChannelMessageUseCase(d),
  listQueue: (d) => new ListQueueUseCase(d),
  listAgentLoads: (d) => new ListAgentLoadsUseCase(d),
  getSupportReport: (d) => new GetSupportReportUseCase(d),
  configureQiscus: (d) => new ConfigurePlatformUseCase({ ...d, tokens: d.secrets, settings: d.platformSettings }),
  getQiscusIntegration: (d) => new GetPlatformIntegrationUseCase({ ...d, settings: d.platformSettings }),
  setMarkAsResolved: (d) => new SetMarkAsResolvedUseCase({ ...d, settings: d.platformSettings }),
  authenticateQiscusWebhook: (d) => new AuthenticatePlatformWebhookUseCase(d),
  roomNeedsAgent: (d) => new RoomNeedsAgentUseCase(d),
  roomResolved: (d) => new RoomResolvedUseCase(d),
  createWebhook: (d) => new CreateWebhookUseCase({ ...d, secrets: d.channelSecrets }),
  listWebhooks: (d) => new ListWebhooksUseCase(d),
  getWebhook: (d) => new GetWebhookUseCase(d),
  updateWebhook: (d) => new UpdateWebhookUseCase(d),
  deleteWebhook: (d) => new DeleteWebhookUseCase(d),
  rotateWebhookSecret: (d) => new RotateWebhookSecretUseCase({ ...d, secrets: d.channelSecrets }),
  listDeliveries: (d) => new ListDeliveriesUseCase(d),
  redeliver: (d) => new RedeliverUseCase(d),
  issueStreamTicket: (d) => new IssueStreamTicketUseCase({ ...d, tokens: d.refreshTokens }),
  redeemStreamTicket: (d) => new RedeemStreamTicketUseCase({ ...d, tokens: d.refreshTokens }),
  claimStream: (d) => new ClaimStreamUseCase({ ...d, streamsPerUser: d.eventStreams?.perUser ?? 5, leaseMs: d.eventStreams?.leaseMs ?? streamLeaseMinimumMs }),
};
