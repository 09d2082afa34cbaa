import { useApi } from '../../app/use-api.ts';
import type { Survey } from './types.ts';

/** The workspace's surveys (for pickers and names). */
export function useSurveys() {
  const state = useApi<{ surveys: Survey[] }>('/api/v1/surveys');
  return { ...state, surveys: state.data?.surveys ?? [] };
}
