import type { DeskError } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { errorText, toDeskError } from "../app/desk.js";
import type { BilingualText } from "../i18n/define-messages.js";

export type ToastKind = "success" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  text: BilingualText;
  /** A second line, e.g. "手机上最多 5 分钟后可见". */
  detail?: BilingualText;
  /** One button in the toast, e.g. 「撤销」 after a delete. Running it dismisses the toast. */
  action?: { label: BilingualText; run: () => void };
}

export type ToastInput = Omit<Toast, "id">;

interface ToastState {
  toasts: Toast[];
  show(toast: ToastInput): number;
  dismiss(id: number): void;
  reset(): void;
}

// Success and info toasts go away by themselves; errors stay until closed so nobody misses them.
const AUTO_DISMISS_MS = 6_000;
const MAX_TOASTS = 4;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    // The same words twice say nothing new (e.g. two publishes in a row): the new one replaces the old.
    const same = get().toasts.filter(
      (t) =>
        t.kind === toast.kind &&
        t.text.zh === toast.text.zh &&
        t.text.en === toast.text.en &&
        !t.action &&
        !toast.action,
    );
    for (const old of same) {
      clearTimeout(timers.get(old.id));
      timers.delete(old.id);
    }
    set((s) => ({
      toasts: [...s.toasts.filter((t) => !same.includes(t)), { ...toast, id }].slice(-MAX_TOASTS),
    }));
    if (toast.kind !== "error") {
      timers.set(
        id,
        setTimeout(() => get().dismiss(id), AUTO_DISMISS_MS),
      );
    }
    return id;
  },
  dismiss(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  reset() {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    set({ toasts: [] });
  },
}));

/** Shows a toast from anywhere (stores included); returns its id. */
export function showToast(toast: ToastInput): number {
  return useToastStore.getState().show(toast);
}

/** Shows whatever a DeskApi call rejected with, in words. */
export function showError(error: unknown, text?: BilingualText): DeskError {
  const deskError = toDeskError(error);
  showToast(
    text
      ? { kind: "error", text, detail: errorText(deskError) }
      : { kind: "error", text: errorText(deskError) },
  );
  return deskError;
}
