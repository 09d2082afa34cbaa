import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './session.tsx';

export interface ViewEntry {
  path: string;
  /** The route pattern (wouter), with the view's own sub-paths. */
  pattern: string;
  label: string;
  group: 'Journey' | 'Analyse' | 'Listen' | 'Act' | 'Admin';
  icon: string;
  component: LazyExoticComponent<ComponentType>;
  minRole?: Role;
}

// Every view is its own chunk: the first view ships only what it needs.
export const VIEWS: ViewEntry[] = [
  { path: '/map', pattern: '/map/:journeyId?', label: 'Journey map', group: 'Journey', icon: '◎', component: lazy(() => import('../views/journey-map/JourneyMapView.tsx')) },
  { path: '/funnels', pattern: '/funnels', label: 'Funnels', group: 'Analyse', icon: '▽', component: lazy(() => import('../views/funnels/FunnelsView.tsx')) },
  { path: '/paths', pattern: '/paths', label: 'Paths', group: 'Analyse', icon: '⇶', component: lazy(() => import('../views/paths/PathsView.tsx')) },
  { path: '/retention', pattern: '/retention', label: 'Retention', group: 'Analyse', icon: '▦', component: lazy(() => import('../views/retention/RetentionView.tsx')) },
  { path: '/attribution', pattern: '/attribution', label: 'Attribution', group: 'Analyse', icon: '⚖', component: lazy(() => import('../views/attribution/AttributionView.tsx')) },
  { path: '/friction', pattern: '/friction', label: 'Friction', group: 'Analyse', icon: '⚠', component: lazy(() => import('../views/friction/FrictionView.tsx')) },
  { path: '/voc', pattern: '/voc/:tab?/:id?', label: 'Voice of the customer', group: 'Listen', icon: '❝', component: lazy(() => import('../views/voc/VocView.tsx')) },
  { path: '/cases', pattern: '/cases/:id?', label: 'Cases', group: 'Act', icon: '☑', component: lazy(() => import('../views/cases/CasesView.tsx')) },
  { path: '/at-risk', pattern: '/at-risk', label: 'At-risk customers', group: 'Act', icon: '⚑', component: lazy(() => import('../views/at-risk/AtRiskView.tsx')) },
  { path: '/customers', pattern: '/customers/:id?', label: 'Customers', group: 'Act', icon: '☺', component: lazy(() => import('../views/customers/CustomersView.tsx')) },
  { path: '/settings', pattern: '/settings/:tab?', label: 'Settings', group: 'Admin', icon: '⚙', component: lazy(() => import('../views/settings/SettingsView.tsx')) },
];
