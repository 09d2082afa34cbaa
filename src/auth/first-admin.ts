import { generatePassword } from './passwords.ts';
import type { Users } from './users.ts';

export interface FirstAdmin { email: string; /** Only when generated: shown once. */ password?: string }

/**
 * On the very first start there is no user: create an admin of the default workspace from
 * TOUCHPOINT_ADMIN_EMAIL/PASSWORD, or `admin@localhost` with a one-time password to print.
 * An admin named by the environment who does not exist yet is also created on a later start.
 * Returns null when there is nothing to print.
 */
export async function ensureFirstAdmin(users: Users, workspaceId: string, env: { email?: string; password?: string }): Promise<FirstAdmin | null> {
  const given = env.email && env.password ? await users.findByEmail(env.email) : null;
  if (given) return null;
  // Users exist and no new admin is asked for from the environment: nothing to do.
  if ((await users.count()) > 0 && !(env.email && env.password)) return null;
  const email = env.email ?? 'admin@localhost';
  const password = env.password ?? generatePassword();
  const user = await users.create({ email, name: 'Admin', password });
  await users.setRole(user.id, workspaceId, 'admin');
  return env.password ? { email } : { email, password };
}
