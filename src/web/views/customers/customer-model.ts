import type { Reason } from '../at-risk/reasons.ts';

export interface Identity { type: string; value: string; firstSeen?: string }
export interface CustomerSummary {
  id: string; identities: Identity[]; lastSeen: string | null; eventCount: number; persona: string | null; stage: { id: string; name: string } | null;
}
export interface StageEntry { stageId: string; stageName: string; enteredAt: string; reason: 'touchpoint' | 'return' | 'lapsed'; touchpointId: string | null }
export interface Profile {
  id: string; identities: Identity[]; userId: string | null; traits: Record<string, unknown>; firstSeen: string | null; lastSeen: string | null;
  eventCount: number; channels: { channel: string; events: number }[]; persona: string | null;
  currentStage: { journeyId: string; journeyVersion: number; stageId: string; stageName: string; since: string } | null;
  stageHistory: StageEntry[]; churnRisk: { risk: number; reasons: Reason[] } | null;
}
export interface TimelineEvent {
  messageId: string; type: string; event: string; name: string | null; channel: string; device: string | null; timestamp: string;
  properties: Record<string, unknown>; touchpoint: { id: string; name: string } | null; stage: { id: string; name: string } | null;
}
export interface TimelinePage { customerId: string; events: TimelineEvent[]; next: string | null }

export const IDENTITY_LABEL: Record<string, string> = { user: 'User id', email: 'E-mail', phone: 'Phone', anon: 'Anonymous id' };

/** The name a person recognises: user id, else e-mail, phone, else a shortened anonymous id. */
export function displayName(ids: Identity[], fallback: string): string {
  const by = (t: string) => ids.find((i) => i.type === t)?.value;
  return by('user') ?? by('email') ?? by('phone') ?? (by('anon') ? `Anonymous ${by('anon')!.slice(0, 8)}…` : `${fallback.slice(0, 8)}…`);
}
