import { Component, type ReactNode } from "react";

interface Props {
  /** Rendered instead of the screen after a crash; `retry` mounts the screen again. */
  fallback(retry: () => void): ReactNode;
  children: ReactNode;
}

/** A bug in one screen must not blank the whole app: the navigation stays and the screen can reopen. */
export class ScreenErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed
      ? this.props.fallback(() => this.setState({ failed: false }))
      : this.props.children;
  }
}
