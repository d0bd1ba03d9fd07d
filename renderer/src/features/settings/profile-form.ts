import type { ProfileInput, ProfilePatch, ProfileView, Role } from "@wxdesk/electron/desk-api";

/** What the add / edit form holds. `changeKey`: editing a profile keeps its key unless the user replaces it. */
export interface ProfileFormValues {
  name: string;
  serverUrl: string;
  role: Role;
  key: string;
  changeKey: boolean;
}

export type ProfileField = "name" | "serverUrl" | "key";

/** Keys into profile-form-messages.ts: what is wrong, said to the user there. */
export type ProfileProblem =
  | "nameMissing"
  | "nameTooLong"
  | "nameTaken"
  | "urlMissing"
  | "urlInvalid"
  | "urlScheme"
  | "urlExtra"
  | "keyMissing"
  | "keyShort"
  | "keyLong"
  | "keyChars";

export type ProfileFormErrors = Partial<Record<ProfileField, ProfileProblem>>;

export const EMPTY_PROFILE_FORM: ProfileFormValues = {
  name: "",
  serverUrl: "",
  role: "admin",
  key: "",
  changeKey: true,
};

export function formFromProfile(profile: ProfileView): ProfileFormValues {
  return { name: profile.name, serverUrl: profile.serverUrl, role: profile.role, key: "", changeKey: false };
}

// The same rules as the app checks (electron/src/desk/args/common-schemas.ts), said before saving.
const KEY_CHARS = /^[\x21-\x7e]*$/;

function urlProblem(value: string): ProfileProblem | undefined {
  if (value === "") return "urlMissing";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return /^[a-z]+:\/\//i.test(value) ? "urlInvalid" : "urlScheme";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "urlScheme";
  if (url.username || url.password || url.search || url.hash) return "urlExtra";
  return undefined;
}

function keyProblem(key: string): ProfileProblem | undefined {
  if (key === "") return "keyMissing";
  if (!KEY_CHARS.test(key)) return "keyChars";
  if (key.length < 24) return "keyShort";
  if (key.length > 512) return "keyLong";
  return undefined;
}

/** Everything wrong with the form; `others` are the other profiles (names must tell them apart). */
export function validateProfileForm(
  values: ProfileFormValues,
  others: readonly ProfileView[],
): ProfileFormErrors {
  const errors: ProfileFormErrors = {};
  const name = values.name.trim();
  if (name === "") errors.name = "nameMissing";
  else if (name.length > 100) errors.name = "nameTooLong";
  else if (others.some((p) => p.name.trim() === name)) errors.name = "nameTaken";
  const url = urlProblem(values.serverUrl.trim());
  if (url) errors.serverUrl = url;
  if (values.changeKey) {
    const key = keyProblem(values.key);
    if (key) errors.key = key;
  }
  return errors;
}

export function hasErrors(errors: ProfileFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

export function profileInput(values: ProfileFormValues): ProfileInput {
  return { name: values.name.trim(), serverUrl: values.serverUrl.trim(), role: values.role, key: values.key };
}

/** Only what changed: an untouched key is never sent (it stays where it is, unseen). */
export function profilePatch(values: ProfileFormValues, current: ProfileView): ProfilePatch {
  const patch: ProfilePatch = {};
  const name = values.name.trim();
  const serverUrl = values.serverUrl.trim();
  if (name !== current.name) patch.name = name;
  if (serverUrl !== current.serverUrl) patch.serverUrl = serverUrl;
  if (values.role !== current.role) patch.role = values.role;
  if (values.changeKey) patch.key = values.key;
  return patch;
}
