import type { DeskError, QrRequest } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { createAuthLinkStore } from "../../shared/auth-link/auth-link-store.js";
import { copyText } from "../../shared/copy-text.js";
import { useSandboxUsersStore } from "../../shared/sandbox-users/sandbox-users-store.js";
import { showError, showToast } from "../../ui/toast-store.js";
import { downloadDataUrl } from "./download-data-url.js";
import { linksMessages } from "./links-messages.js";
import { needsServerCheck } from "./pasted-link-check.js";
import type { ServerVerdict } from "./pasted-link-verdict.js";

export interface QrState {
  loading: boolean;
  dataUrl?: string;
  error?: DeskError;
}

/** The phone window's name and size: a second open reuses the same window (CONVENTIONS: sandbox tries). */
export const PHONE_WINDOW = { name: "wxdesk-phone", features: "width=390,height=760" } as const;

interface LinksState {
  /** QR codes (SVG) by the link text they encode (a new link gets its own; an old one stays valid). */
  qr: Record<string, QrState>;
  /** What is in the 「检查已有链接」 box. */
  pasted: string;
  /** What the callback server said about the pasted link, when only it can tell (needsServerCheck). */
  verdict?: ServerVerdict;
  /** The 网页授权域名 the admin typed; undefined while the server's host is used. */
  domain?: string;
  opening: boolean;
  /** The consent page last opened, offered as a plain link when no window appeared. */
  phoneUrl?: string;
  /** The profile the links were built for (app-store's profileEpoch). */
  profileEpoch?: number;

  /** A switch to another account drops what was built for the previous one. */
  followProfile(epoch: number): void;
  loadQr(text: string): Promise<void>;
  downloadQr(text: string, format: QrRequest["format"], fileName: string): Promise<void>;
  copy(text: string): Promise<void>;
  /** Sets the box's text; a link only the server can judge is sent to it once typing pauses. */
  setPasted(text: string): void;
  /** Asks the server about the pasted link now (links.check). */
  verifyPasted(): Promise<void>;
  setDomain(domain: string): void;
  /** Opens the consent page for `link` as the chosen sandbox test user (shared/sandbox-users). */
  openInSandbox(link: string): Promise<void>;
  reset(): void;
}

/** The screen's link form: one instance kept across visits, so a built link is still there on return. */
export const linkBuilder = createAuthLinkStore();

/** A paste is one change; typing is many: the server is asked once the text stops changing. */
export const VERIFY_DELAY_MS = 250;
let verifyTimer: ReturnType<typeof setTimeout> | undefined;
// Only the answer for the text in the box now may land.
let verifySeq = 0;

function cancelVerify(): void {
  if (verifyTimer) clearTimeout(verifyTimer);
  verifyTimer = undefined;
}

const initialState = {
  qr: {},
  pasted: "",
  verdict: undefined,
  domain: undefined,
  opening: false,
  phoneUrl: undefined,
  profileEpoch: undefined,
};

export const useLinksStore = create<LinksState>()((set, get) => ({
  ...initialState,

  followProfile(epoch) {
    const seen = get().profileEpoch;
    if (seen === epoch) return;
    if (seen !== undefined) get().reset();
    set({ profileEpoch: epoch });
  },

  async loadQr(text) {
    const current = get().qr[text];
    if (current?.dataUrl || current?.loading) return;
    set((s) => ({ qr: { ...s.qr, [text]: { loading: true } } }));
    try {
      // Shown as SVG: sharp at any size on screen (the PNG is the large file for printing).
      const { dataUrl } = await desk().links.qr({ text, format: "svg" });
      set((s) => ({ qr: { ...s.qr, [text]: { loading: false, dataUrl } } }));
    } catch (error) {
      set((s) => ({ qr: { ...s.qr, [text]: { loading: false, error: toDeskError(error) } } }));
    }
  },

  async downloadQr(text, format, fileName) {
    try {
      const { dataUrl } = await desk().links.qr({ text, format });
      downloadDataUrl(fileName, dataUrl);
    } catch (error) {
      showError(
        error,
        both(linksMessages, (m) => m.downloadFailed),
      );
    }
  },

  async copy(text) {
    const ok = await copyText(text);
    showToast(
      ok
        ? { kind: "success", text: both(linksMessages, (m) => m.copied) }
        : { kind: "error", text: both(linksMessages, (m) => m.copyFailed) },
    );
  },

  setPasted(pasted) {
    cancelVerify();
    verifySeq++;
    const url = pasted.trim();
    if (!needsServerCheck(url)) {
      set({ pasted, verdict: undefined });
      return;
    }
    set({ pasted, verdict: { url, loading: true } });
    verifyTimer = setTimeout(() => {
      verifyTimer = undefined;
      void get().verifyPasted();
    }, VERIFY_DELAY_MS);
  },

  async verifyPasted() {
    cancelVerify();
    const url = get().pasted.trim();
    if (!needsServerCheck(url)) return;
    const mine = ++verifySeq;
    set({ verdict: { url, loading: true } });
    try {
      const result = await desk().links.check({ url });
      if (mine === verifySeq) set({ verdict: { url, loading: false, result } });
    } catch (error) {
      if (mine === verifySeq) set({ verdict: { url, loading: false, error: toDeskError(error) } });
    }
  },

  setDomain: (domain) => set({ domain }),

  async openInSandbox(link) {
    const openid = useSandboxUsersStore.getState().chosen;
    if (!openid) return;
    set({ opening: true });
    try {
      const { url } = await desk().sandbox.consentUrl({ link, openid });
      window.open(url, PHONE_WINDOW.name, PHONE_WINDOW.features);
      set({ opening: false, phoneUrl: url });
      showToast({ kind: "success", text: both(linksMessages, (m) => m.sandboxOpened) });
    } catch (error) {
      set({ opening: false });
      showError(
        error,
        both(linksMessages, (m) => m.sandboxFailed),
      );
    }
  },

  reset() {
    cancelVerify();
    verifySeq++;
    linkBuilder.setState(linkBuilder.getInitialState(), true);
    set(initialState);
  },
}));
