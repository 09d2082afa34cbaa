import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AtRiskQuerySchema, atRiskCustomers } from '../../act/churn/at-risk.ts';
import { CASE_STATUSES, CaseInputSchema, CasePatchSchema, customersWithCasesSql } from '../../act/cases.ts';
import { PostPurchaseQuerySchema, postPurchaseMetrics } from '../../act/post-purchase.ts';
import { findCustomerId } from '../../customers/find-customer.ts';
import { customerLabels } from '../../customers/identities-of.ts';
import { requireSecretKey } from '../auth.ts';
import { jsonBody } from '../body.ts';
import { ApiError } from '../errors.ts';
import { journeyFor, stepResolver } from '../journey-context.ts';
import { personaFilter } from '../../analytics/common/persona-filter.ts';
import type { Services } from '../services.ts';
import { parseQuery, parseWith } from '../validate.ts';

const ListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(), owner: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).optional(), customer: z.string().max(255).optional(),
  /** Cases opened at this touchpoint of `journey` (default: the primary journey). */
  touchpoint: z.string().max(64).optional(), journey: z.string().max(64).optional(),
  /** Cases of this persona's customers (a persona of `journey`, as the journey map counts them, as of the latest event). */
  persona: z.string().min(1).max(64).optional(),
});

/** Cases and rules. The actor in the audit is the logged-in user, else the `x-actor` header, else "api". */
export function caseRoutes(app: FastifyInstance, services: Services): void {
  const actorOf = (req: FastifyRequest) => {
    if (req.login) return req.login.user.email;
    const h = req.headers['x-actor'];
    return typeof h === 'string' && h.trim() ? h.trim().slice(0, 200) : 'api';
  };

  app.get('/api/v1/cases', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const q = parseQuery(ListQuery, req.query);
    const customerId = q.customer ? await findCustomerId(services.store, ws.id, q.customer) ?? '\u0000none' : undefined;
    const journey = q.touchpoint || q.persona !== undefined ? await journeyFor(services, ws.id, q.journey) : null;
    const touchpoint = q.touchpoint ? { id: q.touchpoint, eventIsAt: stepResolver(journey)({ touchpoint: q.touchpoint }) } : undefined;
    // Worked out for customers with cases only (a persona depends on the customer's own events alone).
    const customers = personaFilter(ws.id, q.persona, undefined, journey?.journey, customersWithCasesSql(ws.id));
    const cases = await services.cases.list(ws.id, { status: q.status, owner: q.owner, overdue: q.overdue === 'true', customerId, touchpoint, customers });
    // A person recognises "ana@shop.test", not a customer id: each case names its customer's best identity.
    const labels = await customerLabels(services.store, ws.id, cases.flatMap((c) => (c.customerId ? [c.customerId] : [])));
    return { cases: cases.map((c) => ({ ...c, customerLabel: c.customerId ? labels.get(c.customerId) ?? null : null })) };
  });
  app.post('/api/v1/cases', async (req, reply) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const input = parseWith(CaseInputSchema, jsonBody(req));
    if (input.customerId) {
      const id = await findCustomerId(services.store, ws.id, input.customerId);
      if (!id) throw new ApiError('not_found', `No customer with identity "${input.customerId}".`);
      input.customerId = id;
    }
    return reply.code(201).send(await services.cases.open(ws.id, input, actorOf(req)));
  });
  app.get('/api/v1/cases/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const { id } = req.params as { id: string };
    const c = await services.cases.get(ws.id, id);
    if (!c) throw new ApiError('not_found', 'No such case.');
    const labels = await customerLabels(services.store, ws.id, c.customerId ? [c.customerId] : []);
    return { ...c, customerLabel: c.customerId ? labels.get(c.customerId) ?? null : null, audit: await services.cases.audit(ws.id, id) };
  });
  app.patch('/api/v1/cases/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    const patch = parseWith(CasePatchSchema, jsonBody(req));
    return services.cases.update(ws.id, (req.params as { id: string }).id, patch, actorOf(req));
  });

  app.get('/api/v1/metrics/post-purchase', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return postPurchaseMetrics(services.store, ws.id, parseQuery(PostPurchaseQuerySchema, req.query));
  });

  app.get('/api/v1/churn/at-risk', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req);
    return atRiskCustomers(services.store, services.churn, ws.id, parseQuery(AtRiskQuerySchema, req.query));
  });

  app.get('/api/v1/rules', async (req) => ({ rules: await services.rules.list((await requireSecretKey(services.workspaces, req)).id) }));
  app.put('/api/v1/rules/:id', async (req) => {
    const ws = await requireSecretKey(services.workspaces, req, 'admin');
    // `lastError` is what GET returns beside a rule; sending a listed rule back unchanged must work.
    const { lastError: _e, ...body } = (jsonBody(req) ?? {}) as Record<string, unknown>;
    const { id } = req.params as { id: string };
    if (body && typeof body === 'object' && body.id !== undefined && body.id !== id) throw new ApiError('validation_failed', 'The rule id differs from the URL.', [{ path: 'id', message: `is "${String(body.id)}"` }]);
    return services.rules.save(ws.id, { ...body, id });
  });
}
