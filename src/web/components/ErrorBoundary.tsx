import { Component, type ReactNode } from 'react';

/** A view that throws shows its error instead of blanking the whole dashboard. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) { return { error }; }
  render() {
    if (this.state.error) return <div className="error-box" role="alert">This view failed: {this.state.error.message}</div>;
    return this.props.children;
  }
}
