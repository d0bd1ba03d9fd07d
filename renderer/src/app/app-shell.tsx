import { Suspense } from "react";
import { useT } from "../i18n/use-t.js";
import { Button } from "../ui/button.js";
import { EmptyScreen } from "../ui/empty-state.js";
import { Toaster } from "../ui/toaster.js";
import { uiMessages } from "../ui/ui-messages.js";
import { appMessages } from "./app-messages.js";
import { useAppStore } from "./app-store.js";
import { LanguageSwitch } from "./language-switch.js";
import { NAV_LABELS } from "./nav-labels.js";
import { useNavStore } from "./nav-store.js";
import { ProfileStatus } from "./profile-status.js";
import { SandboxStatus } from "./sandbox-status.js";
import { ScreenErrorBoundary } from "./screen-error-boundary.js";
import { SCREENS } from "./screens.js";
import { SideNav } from "./side-nav.js";
import { useSignInToasts } from "./sign-in-toasts.js";
import { StorageWarning } from "./storage-warning.js";

/** Navigation on the left; the active profile, sandbox and language on top; the current screen below. */
export function AppShell() {
  const t = useT(appMessages);
  const ui = useT(uiMessages);
  const screen = useNavStore((s) => s.screen);
  // A new profile is a new account: screens mount afresh and load its data.
  const profileEpoch = useAppStore((s) => s.profileEpoch);
  useSignInToasts();
  const entry = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];
  if (!entry) return null;
  const { Component } = entry;
  return (
    <div className="shell">
      <SideNav />
      <div className="shell__main">
        <header className="topbar">
          <ProfileStatus />
          <div className="topbar__end">
            <SandboxStatus />
            <LanguageSwitch />
          </div>
        </header>
        <StorageWarning />
        <main className="shell__content" aria-label={t[NAV_LABELS[entry.id]]}>
          <ScreenErrorBoundary
            key={`${entry.id}:${profileEpoch}`}
            fallback={(retry) => (
              <EmptyScreen
                icon="alert"
                title={t.crashTitle}
                action={
                  <Button variant="primary" onClick={retry}>
                    {t.crashRetry}
                  </Button>
                }
              >
                {t.crashBody}
              </EmptyScreen>
            )}
          >
            <Suspense fallback={<div className="screen screen--centered">{ui.loading}</div>}>
              <Component />
            </Suspense>
          </ScreenErrorBoundary>
        </main>
      </div>
      <Toaster />
    </div>
  );
}
