import type { Effect } from 'effect';
import type { Logger } from 'pino';
import type { AuthenticateUseCase } from '../../core/access/authenticate.use-case.ts';
import type { CreateUserUseCase } from '../../core/access/create-user.use-case.ts';
import type { GetMeUseCase } from '../../core/access/get-me.use-case.ts';
import type { GetUserUseCase } from '../../core/access/get-user.use-case.ts';
import type { ListUsersUseCase } from '../../core/access/list-users.use-case.ts';
import type { LoginUseCase } from '../../core/access/login.use-case.ts';
import type { LogoutUseCase } from '../../core/access/logout.use-case.ts';
import type { RefreshUseCase } from '../../core/access/refresh.use-case.ts';
import type { SetAvailabilityUseCase } from '../../core/access/set-availability.use-case.ts';
import type { UpdateUserUseCase } from '../../core/access/update-user.use-case.ts';
import type { ListAgentLoadsUseCase } from '../../core/allocation/list-agent-loads.use-case.ts';
import type { GetSupportReportUseCase } from '../../core/tickets/get-support-report.use-case.ts';
import type { ListQueueUseCase } from '../../core/allocation/list-queue.use-case.ts';
import type { AuthenticateChannelUseCase } from '../../core/channels/authenticate-channel.use-case.ts';
import type { CreateChannelUseCase } from '../../core/channels/create-channel.use-case.ts';
import type { ListChannelsUseCase } from '../../core/channels/list-channels.use-case.ts';
import type { ReceiveChannelMessageUseCase } from '../../core/channels/receive-channel-message.use-case.ts';
import type { GetSettingsUseCase } from '../../core/tenancy/get-settings.use-case.ts';
import type { UpdateSettingsUseCase } from '../../core/tenancy/update-settings.use-case.ts';
import type { AssignTicketUseCase } from '../../core/tickets/assign-ticket.use-case.ts';
import type { ChangeTicketStatusUseCase } from '../../core/tickets/change-ticket-status.use-case.ts';
import type { CreateCustomerUseCase } from '../../core/tickets/create-customer.use-case.ts';
import type { CreateTicketUseCase } from '../../core/tickets/create-ticket.use-case.ts';
import type { GetCustomerUseCase } from '../../core/tickets/get-customer.use-case.ts';
import type { GetTicketUseCase } from '../../core/tickets/get-ticket.use-case.ts';
import type { ListCustomersUseCase } from '../../core/tickets/list-customers.use-case.ts';
import type { ListMessagesUseCase } from '../../core/tickets/list-messages.use-case.ts';
import type { ListTicketsUseCase } from '../../core/tickets/list-tickets.use-case.ts';
import type { PostMessageUseCase } from '../../core/tickets/post-message.use-case.ts';
import type { RateLimitStore } from './rate-limits.ts';
import type { WebhookUseCases } from './webhook-use-cases.ts';
import type { QiscusUseCases } from './qiscus/qiscus-use-cases.ts';
import type { ClaimStreamUseCase } from '../../core/events/claim-stream.use-case.ts';
import type { IssueStreamTicketUseCase } from '../../core/events/issue-stream-ticket.use-case.ts';
import type { RedeemStreamTicketUseCase } from '../../core/events/redeem-stream-ticket.use-case.ts';
import type { LiveEvents } from './events/live-events.ts';

/** Every use case the HTTP API calls. */
export interface HttpUseCases extends QiscusUseCases, WebhookUseCases {
  readonly authenticate: AuthenticateUseCase;
  readonly login: LoginUseCase;
  readonly refresh: RefreshUseCase;
  readonly logout: LogoutUseCase;
  readonly getMe: GetMeUseCase;
  readonly setAvailability: SetAvailabilityUseCase;
  readonly listUsers: ListUsersUseCase;
  readonly getUser: GetUserUseCase;
  readonly createUser: CreateUserUseCase;
  readonly updateUser: UpdateUserUseCase;
  readonly listCustomers: ListCustomersUseCase;
  readonly getCustomer: GetCustomerUseCase;
  readonly createCustomer: CreateCustomerUseCase;
  readonly listTickets: ListTicketsUseCase;
  readonly getTicket: GetTicketUseCase;
  readonly createTicket: CreateTicketUseCase;
  readonly changeTicketStatus: ChangeTicketStatusUseCase;
  readonly assignTicket: AssignTicketUseCase;
  readonly listMessages: ListMessagesUseCase;
  readonly postMessage: PostMessageUseCase;
  readonly getSettings: GetSettingsUseCase;
  readonly updateSettings: UpdateSettingsUseCase;
  readonly createChannel: CreateChannelUseCase;
  readonly listChannels: ListChannelsUseCase;
  readonly authenticateChannel: AuthenticateChannelUseCase;
  readonly receiveChannelMessage: ReceiveChannelMessageUseCase;
  readonly listQueue: ListQueueUseCase;
  readonly listAgentLoads: ListAgentLoadsUseCase;
  readonly getSupportReport: GetSupportReportUseCase;
  readonly issueStreamTicket: IssueStreamTicketUseCase;
  readonly redeemStreamTicket: RedeemStreamTicketUseCase;
  readonly claimStream: ClaimStreamUseCase;
}

/** The HTTP app's own settings (from the API's configuration). */
export interface HttpConfig {
  /** Hops of `X-Forwarded-For` to trust (0: ignore the header). */
  readonly trustProxy: number;
  /** Key of the HMAC that signs list cursors. */
  readonly cursorKey: Buffer;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerAddress: number;
  readonly loginFailureWindowSeconds: number;
  readonly channelRateLimitPerMinute: number;
  readonly bodyLimitBytes?: number;
  /** How the outside world reaches the API: the OpenAPI document's server. */
  readonly publicBaseUrl: string;
}

/** What the API's metrics need from HTTP: every finished request, and `GET /metrics` (token checked by the metrics side). */
export interface HttpMetrics {
  /** `route` is the matched route template (`/api/tickets/:id`), or `unmatched`: never the raw path, whose ids would explode cardinality. */
  observeRequest(request: { readonly method: string; readonly route: string; readonly status: number; readonly seconds: number }): void;
  scrape(authorization: string | undefined): Promise<{ readonly status: 200; readonly contentType: string; readonly body: string } | { readonly status: 404 }>;
}

/** What `createApp` builds the HTTP API from. */
export interface HttpDeps {
  readonly useCases: HttpUseCases;
  readonly config: HttpConfig;
  readonly logger: Logger;
  /** Whether the store (and broker) answer; `/readyz` is 503 when not. */
  readonly ready: () => Effect.Effect<boolean>;
  /** The login and channel counters: this process's memory, or a store every API process shares. */
  readonly limits: RateLimitStore;
  /** The web console's built files (Vite's `dist/`), served at `/console/`. */
  readonly consoleDir?: string;
  /** Request timing and `GET /metrics`; absent: no metrics (`/metrics` is 404). */
  readonly metrics?: HttpMetrics;
  /** This process's live-event streams (`GET /api/events`); tell it of committed events. */
  readonly events: LiveEvents;
}
