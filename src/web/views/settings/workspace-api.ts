import { useApi } from '../../app/use-api.ts';

export interface WorkspaceInfo { id: string; name: string; writeKey: string; role: string }
export const useWorkspace = () => useApi<WorkspaceInfo>('/api/v1/workspace');
