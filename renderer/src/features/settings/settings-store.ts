import type { ConnectionTest, DeskError, KeychainStatus, Role } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { useAppStore } from "../../app/app-store.js";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError, showToast } from "../../ui/toast-store.js";
import {
  EMPTY_PROFILE_FORM,
  formFromProfile,
  hasErrors,
  type ProfileFormValues,
  profileInput,
  profilePatch,
  validateProfileForm,
} from "./profile-form.js";
import { profileFormMessages } from "./profile-form-messages.js";
import { settingsMessages } from "./settings-messages.js";

/** The add / edit dialog. The key typed here lives only until the dialog closes. */
export interface ProfileFormState {
  /** undefined: adding a new profile. */
  editingId?: string;
  values: ProfileFormValues;
  /** Problems are shown once the user tried to save (not while they are still typing). */
  submitted: boolean;
  saving: boolean;
  error?: DeskError;
}

export interface ConnectionCheck {
  running: boolean;
  result?: ConnectionTest;
}

interface SettingsState {
  /** Re-read on opening the screen: the app store's copy is from start-up. */
  keychain?: KeychainStatus;
  checkingKeychain: boolean;
  form?: ProfileFormState;
  /** The profile whose removal waits for confirmation. */
  removingId?: string;
  removeBusy: boolean;
  /** The profile whose server is asked to drop its WeChat tokens, once confirmed. */
  clearingTokensId?: string;
  clearTokensBusy: boolean;
  checks: Record<string, ConnectionCheck>;
  /** The plain-file consent dialog is open. */
  plaintextAsk: boolean;
  plaintextBusy: boolean;
  plaintextError?: DeskError;
  sandboxBusy: boolean;
  localRoleBusy: boolean;

  loadKeychain(): Promise<void>;
  openAdd(): void;
  openEdit(id: string): void;
  closeForm(): void;
  setField<K extends keyof ProfileFormValues>(field: K, value: ProfileFormValues[K]): void;
  /** Validates, then adds or edits; true when saved (the dialog closes). */
  submitForm(): Promise<boolean>;
  askRemove(id: string): void;
  cancelRemove(): void;
  confirmRemove(): Promise<void>;
  askClearTokens(id: string): void;
  cancelClearTokens(): void;
  confirmClearTokens(): Promise<void>;
  testConnection(id: string): Promise<void>;
  askPlaintext(open: boolean): void;
  setPlaintextKeys(allowed: boolean): Promise<void>;
  setSandboxRunning(running: boolean): Promise<void>;
  /** 「以客服身份试用」 and back: the local sandbox becomes the active connection in that role. */
  setLocalRole(role: Role): Promise<void>;
  reset(): void;
}

const initialState = {
  keychain: undefined,
  checkingKeychain: false,
  form: undefined,
  removingId: undefined,
  removeBusy: false,
  clearingTokensId: undefined,
  clearTokensBusy: false,
  checks: {},
  plaintextAsk: false,
  plaintextBusy: false,
  plaintextError: undefined,
  sandboxBusy: false,
  localRoleBusy: false,
};

const app = () => useAppStore.getState();

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  ...initialState,

  async loadKeychain() {
    set({ checkingKeychain: true });
    try {
      const info = await desk().app.info();
      set({ keychain: info.keychain, checkingKeychain: false });
    } catch (error) {
      set({ checkingKeychain: false });
      showError(error);
    }
  },

  openAdd() {
    set({ form: { values: EMPTY_PROFILE_FORM, submitted: false, saving: false } });
  },

  openEdit(id) {
    const profile = app().profiles.find((p) => p.id === id);
    if (!profile || profile.local) return;
    set({ form: { editingId: id, values: formFromProfile(profile), submitted: false, saving: false } });
  },

  closeForm() {
    if (get().form?.saving) return;
    set({ form: undefined });
  },

  setField(field, value) {
    set((s) =>
      s.form ? { form: { ...s.form, values: { ...s.form.values, [field]: value }, error: undefined } } : {},
    );
  },

  async submitForm() {
    const form = get().form;
    if (!form || form.saving) return false;
    const { profiles } = app();
    const current = profiles.find((p) => p.id === form.editingId);
    const errors = validateProfileForm(
      form.values,
      profiles.filter((p) => p.id !== form.editingId),
    );
    if (hasErrors(errors)) {
      set({ form: { ...form, submitted: true } });
      return false;
    }
    set({ form: { ...form, submitted: true, saving: true, error: undefined } });
    try {
      if (current) {
        const patch = profilePatch(form.values, current);
        const saved = Object.keys(patch).length > 0 ? await desk().profiles.edit(current.id, patch) : current;
        // The dialog (and the key typed into it) goes away as soon as the app has the key.
        set({ form: undefined });
        await app().reloadProfiles();
        if (current.id === app().activeId) void app().checkConnection();
        showToast({ kind: "success", text: both(profileFormMessages, (m) => m.saved(saved.name)) });
      } else {
        const added = await desk().profiles.add(profileInput(form.values));
        set({ form: undefined });
        await app().reloadProfiles();
        showToast({
          kind: "success",
          text: both(profileFormMessages, (m) => m.added(added.name)),
          action: {
            label: both(settingsMessages, (m) => m.makeActive),
            run: () => void app().switchProfile(added.id),
          },
        });
      }
      return true;
    } catch (error) {
      set((s) => (s.form ? { form: { ...s.form, saving: false, error: toDeskError(error) } } : {}));
      return false;
    }
  },

  askRemove(id) {
    const profile = app().profiles.find((p) => p.id === id);
    if (profile && !profile.local) set({ removingId: id });
  },

  cancelRemove() {
    if (!get().removeBusy) set({ removingId: undefined });
  },

  async confirmRemove() {
    const id = get().removingId;
    const profile = app().profiles.find((p) => p.id === id);
    if (!id || !profile) return;
    set({ removeBusy: true });
    try {
      await desk().profiles.remove(id);
      set((s) => {
        const { [id]: _gone, ...checks } = s.checks;
        return { removingId: undefined, removeBusy: false, checks };
      });
      await app().reloadProfiles();
      showToast({ kind: "success", text: both(settingsMessages, (m) => m.removed(profile.name)) });
    } catch (error) {
      set({ removeBusy: false, removingId: undefined });
      showError(error);
    }
  },

  askClearTokens(id) {
    if (app().profiles.some((p) => p.id === id)) set({ clearingTokensId: id });
  },

  cancelClearTokens() {
    if (!get().clearTokensBusy) set({ clearingTokensId: undefined });
  },

  async confirmClearTokens() {
    const id = get().clearingTokensId;
    const profile = app().profiles.find((p) => p.id === id);
    if (!id || !profile || get().clearTokensBusy) return;
    set({ clearTokensBusy: true });
    try {
      const cleared = await desk().profiles.clearTokenCache(id);
      set({ clearTokensBusy: false, clearingTokensId: undefined });
      const anything = cleared.dropped.length > 0;
      showToast({
        kind: "success",
        text: both(settingsMessages, (m) =>
          anything
            ? m.clearTokensDone(profile.name, cleared.appid)
            : m.clearTokensNothing(profile.name, cleared.appid),
        ),
      });
    } catch (error) {
      set({ clearTokensBusy: false, clearingTokensId: undefined });
      showError(
        error,
        both(settingsMessages, (m) => m.clearTokensFailed),
      );
    }
  },

  async testConnection(id) {
    set((s) => ({ checks: { ...s.checks, [id]: { running: true } } }));
    let result: ConnectionTest;
    try {
      result = await desk().profiles.testConnection(id);
    } catch (error) {
      result = { ok: false, error: toDeskError(error) };
    }
    set((s) => ({ checks: { ...s.checks, [id]: { running: false, result } } }));
  },

  askPlaintext(open) {
    set({ plaintextAsk: open, plaintextError: undefined });
  },

  async setPlaintextKeys(allowed) {
    set({ plaintextBusy: true, plaintextError: undefined });
    try {
      // Straight to the bridge (not the app store's optimistic save): this must not look done before it is.
      const settings = await desk().app.saveSettings({ allowPlaintextKeys: allowed });
      useAppStore.setState({ settings });
      set({ plaintextBusy: false, plaintextAsk: false });
      // Turning it off moves keys into the keychain: the profiles say where their key is now.
      await app().reloadProfiles();
      showToast({
        kind: "success",
        text: both(settingsMessages, (m) => (allowed ? m.plaintextSaved : m.plaintextRemoved)),
      });
    } catch (error) {
      set({ plaintextBusy: false, plaintextError: toDeskError(error) });
    }
  },

  async setSandboxRunning(running) {
    set({ sandboxBusy: true });
    await app().setSandboxRunning(running);
    // The local profile's address and key come and go with the sandbox.
    await app().reloadProfiles();
    set({ sandboxBusy: false });
  },

  async setLocalRole(role) {
    if (get().localRoleBusy) return;
    set({ localRoleBusy: true });
    const done = await app().setLocalRole(role);
    set({ localRoleBusy: false });
    if (done) {
      showToast({
        kind: "success",
        text: both(settingsMessages, (m) => (role === "support" ? m.nowSupport : m.nowAdmin)),
      });
    }
  },

  reset() {
    set(initialState);
  },
}));
