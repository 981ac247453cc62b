import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { isEmailShaped } from '../shared/text.ts';
import type { Customer } from './customer.ts';
import { checkOptionalText, checkText } from './text.rules.ts';

export const customerRules = {
  name: { min: 1, max: 200, notBlank: true },
  email: { min: 3, max: 254 },
  phone: { min: 1, max: 50 },
  externalId: { min: 1, max: 255, notBlank: true },
} as const;

export interface NewCustomer {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly externalId?: string | null;
  readonly now: Date;
}

/** A new customer; text is kept exactly as given, lengths are checked in code points. */
export const createCustomer = (input: NewCustomer): Result.Result<Customer, InvalidInput> =>
  Result.gen(function* () {
    const name = yield* checkText('name', input.name, customerRules.name);
    const email = yield* checkOptionalText('email', input.email, customerRules.email);
    if (email !== null && !isEmailShaped(email)) return yield* Result.fail(new InvalidInput({ path: 'email', message: 'must be an email address' }));
    const phone = yield* checkOptionalText('phone', input.phone, customerRules.phone);
    const externalId = yield* checkOptionalText('external_id', input.externalId, customerRules.externalId);
    return { id: input.id, tenantId: input.tenantId, name, email, phone, externalId, createdAt: input.now, updatedAt: input.now } satisfies Customer;
  });
