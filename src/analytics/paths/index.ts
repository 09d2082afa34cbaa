/** Paths: Sankey nodes and links from or to any event or touchpoint, and top paths to purchase or abandonment. */
export { runPaths, type RunPathsOptions } from './run-paths.ts';
export { topPaths } from './top-paths.ts';
export {
  PathsRequestSchema, TopPathsRequestSchema, PATH_OUTCOMES, MAX_DEPTH,
  type PathsRequest, type PathsRequestInput, type PathsResult, type PathNode, type PathLink,
  type TopPathsRequest, type TopPathsRequestInput, type TopPathsResult, type TopPath,
} from './schema.ts';
