import { sql, type Sql } from '../../storage/sql.ts';

/** Customers with any survey response in the workspace: a persona filter over them reads only their events. */
export const respondersSql = (workspaceId: string): Sql => sql`SELECT customer_id FROM survey_responses WHERE workspace_id = ${workspaceId}`;
