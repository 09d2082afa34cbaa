import { join, sql, type Sql } from '../../storage/sql.ts';
import { detailsBranches } from './details-sql.ts';
import { frictionCtes, scopeFilter, type FrictionScope } from './friction-sql.ts';
import { conversionBranch, conversionCtes, placementBranch, summaryBranches, trendBranch } from './outcome-sql.ts';
import { eventTouchesSql, placementCtes } from './placement-sql.ts';

/** One row of the friction statement; what the columns hold depends on `part`. */
export interface FrictionRow {
  /** `o` `x` `a` summary, `v` conversion, `path` `top` `errpath` `stat` details, `d` trend, `p` placement. */
  part: string;
  sig: string | null;
  k: number | null;
  label: string | null;
  a: number;
  b: number | null;
  m1: number | null;
  m2: number | null;
}

/**
 * Everything the friction report needs in one statement: the sources are read once (`fx_src` and
 * the occurrences are materialised), and every part is a branch of one UNION ALL.
 */
export function frictionStatement(s: FrictionScope): Sql {
  const ctes = [frictionCtes(s), conversionCtes(s)];
  const branches = [...summaryBranches(s), conversionBranch(), ...detailsBranches(s), trendBranch()];
  if (s.layout) {
    ctes.push(placementCtes('fx_occ', 'customer_id', eventTouchesSql(scopeFilter(s), s.layout)));
    branches.push(placementBranch());
  }
  return sql`WITH ${join(ctes, ',')}
  ${join(branches, '\n  UNION ALL\n  ')}`;
}
