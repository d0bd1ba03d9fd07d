import type { BuiltLinks, DeskError } from "@wxdesk/electron/desk-api";
import type { OAuthScope } from "@wxdesk/wechat/authorize";
import { createStore, type StoreApi } from "zustand/vanilla";
import { desk, toDeskError } from "../../app/desk.js";

export interface AuthLinkState {
  scope: OAuthScope;
  next: string;
  /** Set when 「生成链接」 was pressed with no target page. */
  nextMissing: boolean;
  building: boolean;
  result?: BuiltLinks;
  error?: DeskError;
  setScope(scope: OAuthScope): void;
  setNext(next: string): void;
  build(): Promise<BuiltLinks | undefined>;
}

export type AuthLinkStore = StoreApi<AuthLinkState>;

/**
 * One store per form (the menu dialog and the links screen each have their own), created with
 * `useState(() => createAuthLinkStore())`. Changing the choice drops the built link: it no longer matches.
 */
export function createAuthLinkStore(initial: { scope?: OAuthScope; next?: string } = {}): AuthLinkStore {
  return createStore<AuthLinkState>()((set, get) => ({
    scope: initial.scope ?? "snsapi_base",
    next: initial.next ?? "/",
    nextMissing: false,
    building: false,
    result: undefined,
    error: undefined,
    setScope: (scope) => set({ scope, result: undefined, error: undefined }),
    setNext: (next) => set({ next, nextMissing: false, result: undefined, error: undefined }),
    async build() {
      const { scope, next } = get();
      if (next.trim() === "") {
        set({ nextMissing: true });
        return undefined;
      }
      set({ building: true, error: undefined });
      try {
        const result = await desk().links.build({ scope, next: next.trim() });
        set({ building: false, result });
        return result;
      } catch (error) {
        set({ building: false, error: toDeskError(error) });
        return undefined;
      }
    },
  }));
}

/** A link with an error-level check would fail in WeChat (e.g. 10003, redirect domain). */
export function isUsable(result: BuiltLinks | undefined): result is BuiltLinks {
  return result !== undefined && !result.checks.some((c) => c.level === "error");
}
