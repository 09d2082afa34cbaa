import { useEffect, useState } from 'react';

/** Mirrors CASE_STATUSES and the allowed moves in src/act/cases.ts (the server refuses other moves with 409). */
export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof STATUSES)[number];
export const STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' };
export const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};
/** The words for a move, as an agent thinks of it. */
export const MOVE_LABEL: Record<CaseStatus, string> = { open: 'Reopen', in_progress: 'Start work', resolved: 'Resolve', closed: 'Close' };

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_TONE: Record<string, 'good' | 'warn' | 'bad' | 'info' | undefined> = { low: undefined, normal: 'info', high: 'warn', urgent: 'bad' };

/** Common outcomes; an agent may also type their own. */
export const RESOLUTION_CODES = ['refund', 'replacement', 'apology', 'explained', 'fixed', 'goodwill-credit', 'no-action-needed', 'duplicate'];

export interface CaseItem {
  id: string; customerId: string | null; customerLabel?: string | null; ruleId: string | null; reason: string;
  evidence: Record<string, unknown> | null; owner: string | null; team: string | null; priority: Priority; status: CaseStatus;
  resolutionCode: string | null; slaDueAt: string | null; createdAt: string; updatedAt: string; overdue: boolean;
}
export interface AuditEntry { at: string; actor: string; action: 'opened' | 'updated' | 'note' | string; changes: Record<string, unknown> | null }
export interface Member { id: string; email: string; name: string | null; role: 'agent' | 'analyst' | 'admin' }

export const isActive = (c: Pick<CaseItem, 'status'>) => c.status === 'open' || c.status === 'in_progress';

/** The clock, ticking every `ms`, so SLA timers count down live. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** "1 d 4 h", "3 h 12 min", "42 s": precise enough to act on, short enough for a card. */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

// Anonymous ids are UUIDs from the SDK: a short form is enough to tell them apart.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A customer's best identity as people read it; a bare UUID becomes "Anonymous 26e6b89e…". */
export function prettyIdentity(label: string | null | undefined, customerId: string | null): string {
  const v = label ?? customerId;
  if (!v) return 'No customer';
  return UUID.test(v) ? `Anonymous ${v.slice(0, 8)}…` : v;
}

export function customerName(c: Pick<CaseItem, 'customerId' | 'customerLabel'>): string {
  return prettyIdentity(c.customerLabel, c.customerId);
}
