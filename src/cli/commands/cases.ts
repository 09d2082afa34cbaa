import type { Command } from 'commander';
import { ApiClient, queryString, withApiFlags, type ApiFlags } from '../api-client.ts';

interface Case { id: string; status: string; priority: string; owner: string | null; team: string | null; reason: string; slaDueAt: string | null; overdue: boolean; customerId: string | null }

/** `touchpoint cases list|show|update` and `touchpoint rules list` against a running server. */
export function registerCases(program: Command): void {
  const cases = program.command('cases').description('Closed-loop cases opened by rules or people.');
  withApiFlags(cases.command('list').option('--status <status>', 'open, in_progress, resolved or closed').option('--overdue', 'only cases past their SLA')
    .option('--owner <owner>').description('Cases, newest first.'))
    .action(async (o: ApiFlags & { status?: string; overdue?: boolean; owner?: string }) => {
      const qs = queryString({ status: o.status, owner: o.owner, overdue: o.overdue ? 'true' : undefined });
      const r = await new ApiClient(o).request<{ cases: Case[] }>('GET', `/api/v1/cases${qs}`);
      if (r.cases.length === 0) console.log('No cases.');
      for (const c of r.cases) console.log(`${c.id}  ${c.status.padEnd(11)} ${c.priority.padEnd(6)} ${(c.owner ?? '-').padEnd(12)} due ${c.slaDueAt?.slice(0, 16) ?? '-'}${c.overdue ? ' OVERDUE' : ''}  ${c.reason}`);
    });
  withApiFlags(cases.command('show').argument('<id>').description('A case with its evidence and audit trail.'))
    .action(async (id: string, o: ApiFlags) => { console.log(JSON.stringify(await new ApiClient(o).request('GET', `/api/v1/cases/${encodeURIComponent(id)}`), null, 2)); });
  withApiFlags(cases.command('update').argument('<id>').option('--status <status>').option('--owner <owner>').option('--team <team>')
    .option('--priority <priority>').option('--resolution <code>', 'resolution code (needed to resolve)').option('--note <text>').option('--as <actor>', 'who is acting (audit)', 'cli')
    .description('Move a case along: open → in_progress → resolved → closed (or reopen).'))
    .action(async (id: string, o: ApiFlags & { status?: string; owner?: string; team?: string; priority?: string; resolution?: string; note?: string; as: string }) => {
      const body = Object.fromEntries(Object.entries({ status: o.status, owner: o.owner, team: o.team, priority: o.priority, resolutionCode: o.resolution, note: o.note }).filter(([, v]) => v !== undefined));
      const c = await new ApiClient(o).request<Case>('PATCH', `/api/v1/cases/${encodeURIComponent(id)}`, body);
      console.log(`${c.id} is ${c.status}${c.owner ? `, owned by ${c.owner}` : ''}.`);
    });
  const rules = program.command('rules').description('Rules that open cases.');
  withApiFlags(rules.command('list').description('Rules of the workspace, with the error of any disabled one.'))
    .action(async (o: ApiFlags) => {
      const r = await new ApiClient(o).request<{ rules: { id: string; name: string; enabled: boolean; lastError: string | null }[] }>('GET', '/api/v1/rules');
      for (const x of r.rules) console.log(`${x.id.padEnd(24)} ${x.enabled ? 'on ' : 'off'}  ${x.name}${x.lastError ? `  (disabled: ${x.lastError.split('\n')[0]})` : ''}`);
    });
}
