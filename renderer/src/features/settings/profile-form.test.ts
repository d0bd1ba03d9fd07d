import type { ProfileView } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import {
  EMPTY_PROFILE_FORM,
  formFromProfile,
  type ProfileFormValues,
  profileInput,
  profilePatch,
  validateProfileForm,
} from "./profile-form.js";

const KEY = "k".repeat(24);
const GOOD: ProfileFormValues = {
  name: "官方旗舰店",
  serverUrl: "https://wx.example.com",
  role: "admin",
  key: KEY,
  changeKey: true,
};
const SHOP: ProfileView = {
  id: "p1",
  name: "官方旗舰店",
  serverUrl: "https://wx.example.com",
  role: "admin",
  keySet: true,
  keyStorage: "keychain",
  local: false,
};

const problems = (values: Partial<ProfileFormValues>, others: ProfileView[] = []) =>
  validateProfileForm({ ...GOOD, ...values }, others);

describe("validateProfileForm", () => {
  it("accepts a complete form", () => {
    expect(problems({})).toEqual({});
    expect(problems({ serverUrl: "http://127.0.0.1:7200" })).toEqual({});
  });

  it("asks for every field of a new connection", () => {
    expect(validateProfileForm(EMPTY_PROFILE_FORM, [])).toEqual({
      name: "nameMissing",
      serverUrl: "urlMissing",
      key: "keyMissing",
    });
    expect(problems({ name: "   " }).name).toBe("nameMissing");
  });

  it("keeps names short and distinct", () => {
    expect(problems({ name: "店".repeat(101) }).name).toBe("nameTooLong");
    expect(problems({ name: " 官方旗舰店 " }, [SHOP]).name).toBe("nameTaken");
  });

  it("takes only a plain http(s) server address", () => {
    expect(problems({ serverUrl: "wx.example.com" }).serverUrl).toBe("urlScheme");
    expect(problems({ serverUrl: "ftp://wx.example.com" }).serverUrl).toBe("urlScheme");
    expect(problems({ serverUrl: "https://" }).serverUrl).toBe("urlInvalid");
    expect(problems({ serverUrl: "https://wx.example.com/?token=1" }).serverUrl).toBe("urlExtra");
    expect(problems({ serverUrl: "https://wx.example.com/#admin" }).serverUrl).toBe("urlExtra");
    expect(problems({ serverUrl: "https://admin:pw@wx.example.com" }).serverUrl).toBe("urlExtra");
    expect(problems({ serverUrl: "  https://wx.example.com/base  " }).serverUrl).toBeUndefined();
  });

  it("checks a key like the server does: 24–512 printable characters", () => {
    expect(problems({ key: "k".repeat(23) }).key).toBe("keyShort");
    expect(problems({ key: "k".repeat(513) }).key).toBe("keyLong");
    expect(problems({ key: `${KEY} ` }).key).toBe("keyChars");
    expect(problems({ key: `${KEY}\n` }).key).toBe("keyChars");
    expect(problems({ key: `密钥${KEY}` }).key).toBe("keyChars");
    expect(problems({ key: "!~".repeat(12) }).key).toBeUndefined();
  });

  it("does not ask for the key when editing keeps the saved one", () => {
    expect(problems({ key: "", changeKey: false })).toEqual({});
  });
});

describe("what is sent", () => {
  it("trims the name and address of a new connection", () => {
    expect(profileInput({ ...GOOD, name: " 店 ", serverUrl: " https://a.example.com " })).toEqual({
      name: "店",
      serverUrl: "https://a.example.com",
      role: "admin",
      key: KEY,
    });
  });

  it("sends only what changed, and never an untouched key", () => {
    const form = formFromProfile(SHOP);
    expect(form.key).toBe("");
    expect(form.changeKey).toBe(false);
    expect(profilePatch(form, SHOP)).toEqual({});
    expect(profilePatch({ ...form, role: "support" }, SHOP)).toEqual({ role: "support" });
    expect(profilePatch({ ...form, name: "新名字", changeKey: true, key: KEY }, SHOP)).toEqual({
      name: "新名字",
      key: KEY,
    });
  });
});
