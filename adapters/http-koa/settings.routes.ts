import { Effect } from 'effect';
import { MaxCustomersDto, SettingsDto } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { validationFailed } from './http-problem.ts';
import { MaxCustomersBody, SettingsBody } from './request.schemas.ts';
import { ok, staffRoute, type AnyRoute } from './route.ts';
import { settingsJson } from './serializers.ts';
import { businessHoursOf, slaPolicyOf } from './sla.serializers.ts';

export const settingsRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/settings',
    tag: 'Settings',
    summary: "The tenant's allocation and SLA settings (admin)",
    action: 'settings.manage',
    success: { status: 200, description: 'The settings', schema: SettingsDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor }) => useCases.getSettings.execute(undefined, actor).pipe(Effect.map((s) => ok(settingsJson(s)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/settings',
    tag: 'Settings',
    summary: 'Change allocation and SLA settings (admin)',
    action: 'settings.manage',
    body: SettingsBody,
    success: { status: 200, description: 'The settings', schema: SettingsDto },
    errors: ['Forbidden', 'ValidationFailed', 'InvalidInput', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, body }) =>
      Effect.gen(function* () {
        if (Object.keys(body).length === 0) return yield* validationFailed([{ path: '', message: 'give at least one field to change' }]);
        const changes = {
          ...(body.max_customers_per_agent === undefined ? {} : { maxCustomersPerAgent: body.max_customers_per_agent }),
          ...(body.auto_assign === undefined ? {} : { autoAssign: body.auto_assign }),
          ...(body.sla === undefined ? {} : { sla: slaPolicyOf(body.sla) }),
          ...(body.business_hours === undefined ? {} : { businessHours: businessHoursOf(body.business_hours) }),
        };
        return ok(settingsJson(yield* useCases.updateSettings.execute(changes, actor)));
      }),
  }),
  staffRoute({
    method: 'get',
    path: '/api/v1/settings/max_customers',
    tag: 'Settings',
    summary: 'Compatibility: the default capacity per agent (admin)',
    action: 'settings.manage',
    success: { status: 200, description: 'The default capacity', schema: MaxCustomersDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor }) =>
      useCases.getSettings.execute(undefined, actor).pipe(Effect.map((s) => ok({ max_customers: s.maxCustomersPerAgent }))),
  }),
  staffRoute({
    method: 'post',
    path: '/api/v1/settings/max_customers',
    tag: 'Settings',
    summary: 'Compatibility: set the default capacity per agent (admin)',
    action: 'settings.manage',
    body: MaxCustomersBody,
    success: { status: 200, description: 'The default capacity', schema: MaxCustomersDto },
    errors: ['Forbidden', 'InvalidInput', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, body }) =>
      useCases.updateSettings
        .execute({ maxCustomersPerAgent: body.max_customers }, actor)
        .pipe(Effect.map((s) => ok({ max_customers: s.maxCustomersPerAgent }))),
  }),
];
