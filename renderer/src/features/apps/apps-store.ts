import type { ConnectedApp, DeskError, IssuedAppSecret } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError, showToast } from "../../ui/toast-store.js";
import { type AddressProblem, appAddressProblem } from "./app-address.js";
import { appsMessages } from "./apps-messages.js";

/** The longest name the server accepts. */
export const APP_NAME_MAX = 64;

export type AppFormProblem = "nameRequired" | "nameTooLong" | AddressProblem;

/** The "add app" form while it is open. */
export interface AddFormState {
  name: string;
  address: string;
  submitted: boolean;
  saving: boolean;
  error?: DeskError;
}

/** A secret just issued: held only while its dialog is open, then dropped from memory. */
export interface IssuedState {
  kind: "created" | "rotated";
  issued: IssuedAppSecret;
}

interface AppsState {
  apps: ConnectedApp[];
  discoveryUrl?: string;
  loading: boolean;
  loaded: boolean;
  error?: DeskError;
  form?: AddFormState;
  issued?: IssuedState;
  /** The app whose new secret / removal waits for confirmation. */
  rotating?: ConnectedApp;
  removing?: ConnectedApp;
  busy: boolean;
  load(): Promise<void>;
  openAdd(): void;
  setName(name: string): void;
  setAddress(address: string): void;
  add(): Promise<void>;
  closeAdd(): void;
  closeIssued(): void;
  askRotate(app: ConnectedApp | undefined): void;
  rotate(): Promise<void>;
  askRemove(app: ConnectedApp | undefined): void;
  remove(): Promise<void>;
  reset(): void;
}

export function appNameProblem(name: string): "nameRequired" | "nameTooLong" | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "nameRequired";
  if ([...trimmed].length > APP_NAME_MAX) return "nameTooLong";
  return undefined;
}

/** The server's refusal of the address (`redirect_uri_invalid`): shown under that field, not as a banner. */
export const addressRefusal = (form: AddFormState): DeskError | undefined =>
  form.error?.code === "redirect_uri_invalid" ? form.error : undefined;

const initialState = {
  apps: [] as ConnectedApp[],
  discoveryUrl: undefined,
  loading: false,
  loaded: false,
  error: undefined,
  form: undefined,
  issued: undefined,
  rotating: undefined,
  removing: undefined,
  busy: false,
};

export const useAppsStore = create<AppsState>()((set, get) => ({
  ...initialState,

  async load() {
    set({ loading: true, error: undefined });
    try {
      const { apps, discoveryUrl } = await desk().apps.list();
      set({ apps, discoveryUrl, loading: false, loaded: true });
    } catch (error) {
      set({ loading: false, error: toDeskError(error) });
    }
  },

  openAdd: () => set({ form: { name: "", address: "", submitted: false, saving: false } }),
  setName: (name) => set((s) => (s.form ? { form: { ...s.form, name, error: undefined } } : {})),
  setAddress: (address) => set((s) => (s.form ? { form: { ...s.form, address, error: undefined } } : {})),

  async add() {
    const form = get().form;
    if (!form || form.saving) return;
    if (appNameProblem(form.name) || appAddressProblem(form.address)) {
      set({ form: { ...form, submitted: true } });
      return;
    }
    set({ form: { ...form, submitted: true, saving: true, error: undefined } });
    try {
      const issued = await desk().apps.create({ name: form.name.trim(), redirectUri: form.address.trim() });
      set((s) => ({
        form: undefined,
        issued: { kind: "created", issued },
        apps: [...s.apps, issued.app],
        discoveryUrl: issued.discoveryUrl,
      }));
      // No toast: the dialog that opens says it (「商城」已接入), and a toast would sit on its button.
    } catch (error) {
      set((s) => (s.form ? { form: { ...s.form, saving: false, error: toDeskError(error) } } : {}));
    }
  },

  closeAdd: () => set({ form: undefined }),
  // Closing forgets the secret: it exists nowhere on this computer after this.
  closeIssued: () => set({ issued: undefined }),

  askRotate: (app) => set({ rotating: app }),
  async rotate() {
    const app = get().rotating;
    if (!app || get().busy) return;
    set({ busy: true });
    try {
      const issued = await desk().apps.rotateSecret(app.clientId);
      set((s) => ({
        busy: false,
        rotating: undefined,
        issued: { kind: "rotated", issued },
        apps: s.apps.map((a) => (a.clientId === app.clientId ? { ...issued.app, ...lastSignIn(a) } : a)),
      }));
    } catch (error) {
      set({ busy: false, rotating: undefined });
      showError(
        error,
        both(appsMessages, (m) => m.rotateFailed(app.name)),
      );
    }
  },

  askRemove: (app) => set({ removing: app }),
  async remove() {
    const app = get().removing;
    if (!app || get().busy) return;
    set({ busy: true });
    try {
      await desk().apps.remove(app.clientId);
      set((s) => ({
        apps: s.apps.filter((a) => a.clientId !== app.clientId),
        removing: undefined,
        busy: false,
      }));
      showToast({ kind: "success", text: both(appsMessages, (m) => m.removed(app.name)) });
    } catch (error) {
      set({ busy: false, removing: undefined });
      showError(
        error,
        both(appsMessages, (m) => m.removeFailed(app.name)),
      );
    }
  },

  reset: () => set(initialState),
}));

/** The server answers a rotated app without its last sign-in (that is the list's): keep the one shown. */
function lastSignIn(app: ConnectedApp): Pick<ConnectedApp, "lastSignInAt"> {
  return app.lastSignInAt === undefined ? {} : { lastSignInAt: app.lastSignInAt };
}
