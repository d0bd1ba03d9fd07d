import { useEffect } from "react";
import { useStore } from "zustand";
import { selectActiveIsLocal, useAppStore, useCanPublish } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { AuthLinkForm } from "../../shared/auth-link/auth-link-form.js";
import { Banner } from "../../ui/banner.js";
import { BuiltLinkCard } from "./built-link-card.js";
import "./links.css";
import { Panel } from "../../ui/panel.js";
import { ScreenHeader } from "../../ui/screen-header.js";
import { linksMessages } from "./links-messages.js";
import { linkBuilder, useLinksStore } from "./links-store.js";
import { PastedLinkBox } from "./pasted-link-box.js";
import { SandboxTry } from "./sandbox-try.js";

/** 授权链接: build a link for the menu (with copy and QR code), check a pasted one, try it in the sandbox. */
export function LinksScreen() {
  const t = useT(linksMessages);
  const canPublish = useCanPublish();
  const epoch = useAppStore((s) => s.profileEpoch);
  const local = useAppStore(selectActiveIsLocal);
  const followProfile = useLinksStore((s) => s.followProfile);
  const result = useStore(linkBuilder, (s) => s.result);
  useEffect(() => followProfile(epoch), [epoch, followProfile]);

  return (
    <div className="screen links-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle} />
      <div className="links-screen__columns">
        <Panel id="links-build-title" className="links-panel" title={t.builderTitle}>
          {canPublish ? (
            <AuthLinkForm store={linkBuilder} layout="cards" showResult={false} />
          ) : (
            <Banner kind="info" title={t.supportCannot} />
          )}
          {canPublish && result ? (
            <div className="links-screen__results">
              <BuiltLinkCard
                title={t.startTitle}
                hint={t.startHint}
                url={result.startUrl}
                recommended={{ fileBase: "wxdesk-menu-link-qr" }}
              />
              <BuiltLinkCard
                title={t.directTitle}
                hint={t.directHint}
                url={result.directUrl}
                note={t.directNoQr}
              />
            </div>
          ) : null}
          {canPublish && local ? <SandboxTry /> : null}
        </Panel>
        <PastedLinkBox />
      </div>
    </div>
  );
}
