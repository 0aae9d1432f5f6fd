// Names for the API's shapes, all taken from the generated OpenAPI types (`pnpm gen:api`):
// when the server changes a shape, the console stops compiling instead of drifting.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type AuthTokens = Pick<LoginResponse, 'accessToken' | 'refreshToken'>;
export type CurrentUser = Schemas['User'];
export type UserRole = Schemas['Role'];

export type Customer = Schemas['Customer'];
export type CustomerList = Schemas['CustomerList'];
export type CustomerInput = Schemas['CustomerInput'];
export type CustomerPatch = Schemas['CustomerPatch'];
export type Gender = Schemas['Gender'];
export type CustomerListQuery = NonNullable<operations['listCustomers']['parameters']['query']>;

export type ApiErrorBody = Schemas['ErrorResponse'];
export type ApiFieldIssue = Schemas['FieldError'];
