/** Dashboard roles (DESIGN.md): agents work cases, analysts also shape journeys and surveys, admins run the workspace. */
export const ROLES = ['agent', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { agent: 0, analyst: 1, admin: 2 };

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}
