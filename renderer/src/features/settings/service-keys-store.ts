import type { CreatedServiceKey, DeskError, ServiceKeyView } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError, showToast } from "../../ui/toast-store.js";
import { serviceKeysMessages } from "./service-keys-messages.js";

/** The longest name the server accepts. */
export const SERVICE_KEY_NAME_MAX = 64;

/** The "new key" dialog: the name while typing, then the created key — held only while it is open. */
export interface CreateDialogState {
  name: string;
  submitted: boolean;
  saving: boolean;
  error?: DeskError;
  /** The new key, shown once; dropped from memory when the dialog closes. */
  created?: CreatedServiceKey;
}

interface ServiceKeysState {
  keys: ServiceKeyView[];
  loading: boolean;
  loaded: boolean;
  error?: DeskError;
  dialog?: CreateDialogState;
  /** The key whose revocation waits for confirmation. */
  revoking?: ServiceKeyView;
  revokeBusy: boolean;
  load(): Promise<void>;
  openCreate(): void;
  setName(name: string): void;
  create(): Promise<void>;
  closeCreate(): void;
  askRevoke(key: ServiceKeyView | undefined): void;
  revoke(): Promise<void>;
  reset(): void;
}

export type NameProblem = "nameRequired" | "nameTooLong";

/** What is wrong with a name, or undefined (the server checks again). */
export function serviceKeyNameProblem(name: string): NameProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "nameRequired";
  if ([...trimmed].length > SERVICE_KEY_NAME_MAX) return "nameTooLong";
  return undefined;
}

const initialState = {
  keys: [] as ServiceKeyView[],
  loading: false,
  loaded: false,
  error: undefined,
  dialog: undefined,
  revoking: undefined,
  revokeBusy: false,
};

export const useServiceKeysStore = create<ServiceKeysState>()((set, get) => ({
  ...initialState,

  async load() {
    set({ loading: true, error: undefined });
    try {
      set({ keys: await desk().serviceKeys.list(), loading: false, loaded: true });
    } catch (error) {
      set({ loading: false, error: toDeskError(error) });
    }
  },

  openCreate: () => set({ dialog: { name: "", submitted: false, saving: false } }),
  setName: (name) => set((s) => (s.dialog && !s.dialog.created ? { dialog: { ...s.dialog, name } } : {})),

  async create() {
    const dialog = get().dialog;
    if (!dialog || dialog.saving || dialog.created) return;
    if (serviceKeyNameProblem(dialog.name)) {
      set({ dialog: { ...dialog, submitted: true } });
      return;
    }
    set({ dialog: { ...dialog, submitted: true, saving: true, error: undefined } });
    try {
      const created = await desk().serviceKeys.create(dialog.name.trim());
      set((s) => ({
        dialog: s.dialog ? { ...s.dialog, saving: false, created } : undefined,
        keys: [...s.keys, withoutKey(created)],
      }));
      showToast({ kind: "success", text: both(serviceKeysMessages, (m) => m.createdToast(created.name)) });
    } catch (error) {
      set((s) => (s.dialog ? { dialog: { ...s.dialog, saving: false, error: toDeskError(error) } } : {}));
    }
  },

  // Closing forgets the key: it exists nowhere on this computer after this.
  closeCreate: () => set({ dialog: undefined }),

  askRevoke: (key) => set({ revoking: key }),

  async revoke() {
    const key = get().revoking;
    if (!key || get().revokeBusy) return;
    set({ revokeBusy: true });
    try {
      await desk().serviceKeys.revoke(key.id);
      set((s) => ({ keys: s.keys.filter((k) => k.id !== key.id), revoking: undefined, revokeBusy: false }));
      showToast({ kind: "success", text: both(serviceKeysMessages, (m) => m.revoked(key.name)) });
    } catch (error) {
      set({ revokeBusy: false, revoking: undefined });
      showError(
        error,
        both(serviceKeysMessages, (m) => m.revokeFailed(key.name)),
      );
    }
  },

  reset: () => set(initialState),
}));

function withoutKey({ key: _key, ...view }: CreatedServiceKey): ServiceKeyView {
  return view;
}
