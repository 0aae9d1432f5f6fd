// Names for the API's shapes, all taken from the generated OpenAPI types (`pnpm gen:api`):
// when the server changes a shape, the console stops compiling instead of drifting. Shapes are
// reached through the paths of docs/contract.md rather than the document's component names, so a
// renamed schema component does not matter, a changed route does.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<Path extends keyof paths, M extends Method> = NonNullable<paths[Path][M]>;
type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessStatus = 200 | 201;

/** The JSON body of a successful answer of an operation. */
export type ResponseOf<Path extends keyof paths, M extends Method> =
  Operation<Path, M> extends { responses: infer Responses }
    ? {
        [Status in keyof Responses]: Status extends SuccessStatus ? JsonContent<Responses[Status]> : never;
      }[keyof Responses]
    : never;

/** The JSON body of an error answer of an operation. */
export type ErrorOf<Path extends keyof paths, M extends Method, Status extends number> =
  Operation<Path, M> extends { responses: infer Responses }
    ? Status extends keyof Responses
      ? JsonContent<Responses[Status]>
      : never
    : never;

/** The JSON request body of an operation. */
export type RequestOf<Path extends keyof paths, M extends Method> =
  Operation<Path, M> extends { requestBody?: infer Body } ? JsonContent<NonNullable<Body>> : never;

/** The query parameters of an operation. */
export type QueryOf<Path extends keyof paths, M extends Method> =
  Operation<Path, M> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type AuthTokens = Pick<LoginResponse, 'accessToken' | 'refreshToken'>;
export type CurrentUser = Schemas['User'];
export type UserRole = CurrentUser['role'];
export type Permission = CurrentUser['permissions'][number];
export type RoleScopes = CurrentUser['scopes'];
export type DataScope = RoleScopes['customer'];

// Sign-in steps and the own account
/** Tokens, or the MFA step that is due (told apart by `mfa`). */
export type LoginResult = ResponseOf<'/api/auth/login', 'post'>;
export type MfaChallenge = Extract<LoginResult, { mfa: string }>;
export type MfaVerifyRequest = RequestOf<'/api/auth/mfa/verify', 'post'>;
export type MfaSetup = ResponseOf<'/api/auth/mfa/setup', 'post'>;
export type LoginWithRecoveryCodes = ResponseOf<'/api/auth/mfa/enable', 'post'>;
export type MfaStatus = ResponseOf<'/api/me/mfa', 'get'>;
export type PasswordChange = RequestOf<'/api/me/password', 'post'>;
export type AccountSession = ResponseOf<'/api/me/sessions', 'get'>['items'][number];

// Customers
export type CustomerList = ResponseOf<'/api/customers', 'get'>;
/** A list row: the customer's summary and, while searching by keyword, why it matched. */
export type CustomerListItem = CustomerList['items'][number];
// By its component name: the list row is this plus `match` (an allOf), and the detail and trash
// shapes differ, so no path gives the bare summary.
export type CustomerSummary = Schemas['CustomerSummary'];
export type CustomerMatch = NonNullable<CustomerListItem['match']>;
export type CustomerListQuery = QueryOf<'/api/customers', 'get'>;
export type CustomerSortField = NonNullable<CustomerListQuery['sort']>;
export type SortOrder = NonNullable<CustomerListQuery['order']>;
export type CustomerSources = ResponseOf<'/api/customer-sources', 'get'>['items'];
export type Customer = ResponseOf<'/api/customers/{id}', 'get'>;
export type CustomerInput = RequestOf<'/api/customers', 'post'>;
export type CustomerPatch = RequestOf<'/api/customers/{id}', 'patch'>;
export type Gender = Customer['gender'];
export type LifecycleStatus = Customer['lifecycleStatus'];
export type CustomerPhone = Customer['phones'][number];
export type CustomerEmail = Customer['emails'][number];
export type CustomerAddress = Customer['addresses'][number];
export type PhoneType = CustomerPhone['type'];
export type AddressType = CustomerAddress['type'];
export type Consent = Customer['consent'];
export type ConsentChannel = NonNullable<Consent['channel']>;
export type CustomerConflictError = ErrorOf<'/api/customers/{id}', 'patch', 409>;
export type CustomFieldValues = Customer['customFields'];
export type CustomFieldValue = CustomFieldValues[string];
export type DuplicateLookup = ResponseOf<'/api/customers/duplicates', 'get'>;
export type DuplicateMatch = DuplicateLookup['matches'][number];
export type DuplicateQuery = QueryOf<'/api/customers/duplicates', 'get'>;
export type MergeRequest = RequestOf<'/api/customers/merge', 'post'>;
export type MergeField = keyof NonNullable<MergeRequest['fields']>;
export type BulkRequest = RequestOf<'/api/customers/bulk', 'post'>;
export type BulkAction = BulkRequest['action'];
export type TrashList = ResponseOf<'/api/trash/customers', 'get'>;
export type TrashedCustomer = TrashList['items'][number];
/** Full phones and emails of a customer and its contacts, by entry id (each reveal is audited). */
export type RevealedContacts = ResponseOf<'/api/customers/{id}/reveal', 'post'>;

// Saved views of the customer list
export type CustomerView = ResponseOf<'/api/customer-views', 'get'>['items'][number];
/** The one filter model of the list, saved views and bulk actions, in its JSON form. */
export type CustomerFilter = CustomerView['filters'];
export type CustomerViewSort = NonNullable<CustomerView['sort']>;
export type CustomerViewInput = RequestOf<'/api/customer-views', 'post'>;
export type CustomerViewPatch = RequestOf<'/api/customer-views/{id}', 'patch'>;

// Related records
export type Contact = ResponseOf<'/api/customers/{id}/contacts', 'get'>['items'][number];
export type ContactInput = RequestOf<'/api/customers/{id}/contacts', 'post'>;
export type OrderList = ResponseOf<'/api/customers/{id}/orders', 'get'>;
export type Order = OrderList['items'][number];
export type OrderStatus = Order['status'];
export type OrderInput = RequestOf<'/api/customers/{id}/orders', 'post'>;
export type Activity = ResponseOf<'/api/customers/{id}/activities', 'get'>['items'][number];
export type ActivityType = Activity['type'];
export type ActivityInput = RequestOf<'/api/customers/{id}/activities', 'post'>;
export type TimelinePage = ResponseOf<'/api/customers/{id}/timeline', 'get'>;
export type TimelineEntry = TimelinePage['items'][number];
export type TimelineKind = TimelineEntry['kind'];

// Settings and reference data
export type Tag = ResponseOf<'/api/tags', 'get'>['items'][number];
export type TagInput = RequestOf<'/api/tags', 'post'>;
export type Group = ResponseOf<'/api/groups', 'get'>['items'][number];
export type GroupInput = RequestOf<'/api/groups', 'post'>;
export type Level = ResponseOf<'/api/customer-levels', 'get'>['items'][number];
export type LevelInput = RequestOf<'/api/customer-levels', 'post'>;
export type RelationshipType = ResponseOf<'/api/relationship-types', 'get'>['items'][number];
export type RelationshipTypeInput = RequestOf<'/api/relationship-types', 'post'>;
export type CustomFieldDefinition = ResponseOf<'/api/custom-fields', 'get'>['items'][number];
export type CustomFieldType = CustomFieldDefinition['type'];
export type CustomFieldInput = RequestOf<'/api/custom-fields', 'post'>;
export type StaffUser = ResponseOf<'/api/users', 'get'>['items'][number];
export type Preference = ResponseOf<'/api/me/preferences/{key}', 'get'>;

export type ApiErrorBody = Schemas['ErrorResponse'];
export type ApiFieldIssue = Schemas['FieldError'];

// Administration (系统管理): roles, teams, users, API keys, security settings, audit log
export type PermissionCatalogue = ResponseOf<'/api/permissions', 'get'>;
export type PermissionEntry = PermissionCatalogue['items'][number];
export type ScopedResource = keyof RoleScopes;
export type RoleDto = ResponseOf<'/api/roles', 'get'>['items'][number];
export type RoleInput = RequestOf<'/api/roles', 'post'>;
export type Team = ResponseOf<'/api/teams', 'get'>['items'][number];
export type TeamInput = RequestOf<'/api/teams', 'post'>;
export type TeamPatch = RequestOf<'/api/teams/{id}', 'patch'>;
export type ManagedUser = ResponseOf<'/api/admin/users', 'get'>['items'][number];
export type ManagedUserInput = RequestOf<'/api/admin/users', 'post'>;
export type ManagedUserPatch = RequestOf<'/api/admin/users/{id}', 'patch'>;
export type ApiKey = ResponseOf<'/api/api-keys', 'get'>['items'][number];
export type ApiKeyInput = RequestOf<'/api/api-keys', 'post'>;
export type CreatedApiKey = ResponseOf<'/api/api-keys', 'post'>;
export type SecuritySettings = ResponseOf<'/api/security-settings', 'get'>;
export type AuditPage = ResponseOf<'/api/audit-logs', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = QueryOf<'/api/audit-logs', 'get'>;
export type AuditAction = AuditEntry['action'];
export type AuditResource = AuditEntry['resource'];

// QR channels and the feedback inbox (issue 6)
export type ChannelList = ResponseOf<'/api/channels', 'get'>;
export type Channel = ChannelList['items'][number];
export type ChannelKind = Channel['kind'];
export type ChannelInput = RequestOf<'/api/channels', 'post'>;
export type ChannelPatch = RequestOf<'/api/channels/{id}', 'patch'>;
export type ChannelQrQuery = QueryOf<'/api/channels/{id}/qr', 'get'>;
export type ChannelQrType = NonNullable<ChannelQrQuery['type']>;
export type ChannelQrFormat = NonNullable<ChannelQrQuery['format']>;
export type FeedbackPage = ResponseOf<'/api/feedback', 'get'>;
export type FeedbackSummary = FeedbackPage['items'][number];
export type FeedbackQuery = QueryOf<'/api/feedback', 'get'>;
export type FeedbackStatus = FeedbackSummary['status'];
export type FeedbackCategory = FeedbackSummary['category'];
export type FeedbackDetail = ResponseOf<'/api/feedback/{id}', 'get'>;
export type FeedbackNote = FeedbackDetail['notes'][number];
export type FeedbackNoteInput = RequestOf<'/api/feedback/{id}/notes', 'post'>;
export type ReplyChannel = NonNullable<FeedbackNoteInput['replyChannel']>;
export type FeedbackPatch = RequestOf<'/api/feedback/{id}', 'patch'>;
export type FeedbackStats = ResponseOf<'/api/feedback/stats', 'get'>;
export type FeedbackStatsQuery = QueryOf<'/api/feedback/stats', 'get'>;
export type FeedbackScore = FeedbackStats['total'];
export type StatsGranularity = NonNullable<FeedbackStatsQuery['granularity']>;
