import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APPID,
  type Harness,
  type ListedUser,
  listUsers,
  SECRET,
  startHarness,
} from "../testing/sandbox-harness.js";

let h: Harness;
let users: ListedUser[];

beforeAll(async () => {
  h = await startHarness();
  users = await listUsers(h);
});
afterAll(() => h.close());

function authorizeUrl(p: Record<string, string>): string {
  const q = new URLSearchParams({
    appid: APPID,
    redirect_uri: "http://127.0.0.1:3000/cb",
    response_type: "code",
    scope: "snsapi_base",
    state: "abc",
    ...p,
  });
  return `/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
}

async function page(p: Record<string, string>, cookie?: string) {
  const res = await h.get(authorizeUrl(p), cookie ? { headers: { cookie } } : {});
  return { res, text: await res.text() };
}

describe("authorize page errors (HTML, no redirect)", () => {
  it.each([
    [{ redirect_uri: "http://evil.example.com/cb" }, "10003", "evil.example.com"],
    [{ scope: "snsapi_login" }, "10005", "snsapi_login"],
    [{ scope: "" }, "10010", ""],
    [{ redirect_uri: "" }, "10011", ""],
    [{ appid: "" }, "10012", ""],
    [{ appid: "wx00000000000000ff" }, "10016", ""],
    [{ appid: "not-an-appid" }, "10016", ""],
    [{ state: "a".repeat(129) }, "state_invalid", ""],
    [{ state: "has space" }, "state_invalid", ""],
  ])("%j → %s", async (params, code, mention) => {
    const { res, text } = await page(params);
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(text).toContain(code);
    expect(text).toContain(mention);
  });

  it("escapes what it echoes", async () => {
    const { text } = await page({ redirect_uri: "http://<script>x</script>.com/cb" });
    expect(text).not.toContain("<script>x");
  });
});

describe("snsapi_base", () => {
  it("redirects silently with code and state for a known user (any param order, & appended)", async () => {
    const q = `scope=snsapi_base&state=xyz&connect_redirect=1&redirect_uri=${encodeURIComponent("http://localhost:8080/cb?from=menu")}&response_type=code&appid=${APPID}&sandbox_openid=${users[0]!.openid}`;
    const res = await h.get(`/connect/oauth2/authorize?${q}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:8080/cb");
    expect(location.searchParams.get("from")).toBe("menu");
    expect(location.searchParams.get("state")).toBe("xyz");
    const code = location.searchParams.get("code")!;
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code });
    expect(token).toMatchObject({ openid: users[0]!.openid, scope: "snsapi_base" });
    expect(res.headers.get("set-cookie")).toContain("sandbox_user=");
  });

  it("echoes a base64url state (- and _) unchanged, as WeChat does", async () => {
    const state = "Zm9v-YmFy_YmF6-_0";
    const q = `appid=${APPID}&redirect_uri=${encodeURIComponent("http://localhost:8080/cb")}&response_type=code&scope=snsapi_base&state=${state}&sandbox_openid=${users[0]!.openid}`;
    const res = await h.get(`/connect/oauth2/authorize?${q}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).searchParams.get("state")).toBe(state);
  });

  it("shows the picker without a user, then uses the cookie; omits empty state", async () => {
    const first = await page({ state: "" });
    expect(first.res.status).toBe(200);
    expect(first.text).toContain("选择微信用户");
    expect(first.text).toContain(users[1]!.nickname);
    const again = await page({ state: "" }, `sandbox_user=${users[1]!.id}`);
    expect(again.res.status).toBe(302);
    const location = new URL(again.res.headers.get("location")!);
    expect(location.searchParams.has("state")).toBe(false);
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: location.searchParams.get("code")!,
    });
    expect(token.openid).toBe(users[1]!.openid);
  });
});

describe("snsapi_userinfo consent", () => {
  const decide = (fields: Record<string, string>) =>
    h.get("/connect/oauth2/authorize/decide", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });

  function hiddenFields(text: string): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const m of text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields[m[1]!] = m[2]!.replaceAll("&amp;", "&").replaceAll("&quot;", '"');
    }
    return fields;
  }

  it("shows the consent sheet; 允许 redirects with a code, 拒绝 with state only", async () => {
    const { res, text } = await page({ scope: "snsapi_userinfo" }, `sandbox_user=${users[2]!.id}`);
    expect(res.status).toBe(200);
    expect(text).toContain("允许");
    expect(text).toContain("拒绝");
    expect(text).toContain("获取你的昵称、头像");
    expect(text).toContain(users[2]!.nickname);
    expect(text).toContain('name="viewport"');
    const fields = hiddenFields(text);
    const allow = await decide({ ...fields, decision: "allow" });
    expect(allow.status).toBe(302);
    const code = new URL(allow.headers.get("location")!).searchParams.get("code")!;
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code });
    expect(token).toMatchObject({ openid: users[2]!.openid, scope: "snsapi_userinfo" });

    const deny = await decide({ ...fields, decision: "deny" });
    expect(deny.status).toBe(302);
    expect(deny.headers.get("location")).toBe("http://127.0.0.1:3000/cb?state=abc");
  });

  it("puts the snapshot user on a snapshot page whose code is a virtual account", async () => {
    const snap = users.find((u) => u.snapshot)!;
    const { text } = await page({ scope: "snsapi_userinfo", sandbox_openid: snap.openid });
    expect(text).toContain("当前为快照页");
    expect(text).toContain("使用完整服务");
    const allow = await decide({ ...hiddenFields(text), decision: "allow" });
    const code = new URL(allow.headers.get("location")!).searchParams.get("code")!;
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code });
    expect(token.isSnapshotUser).toBe(true);
    expect(token.openid).not.toBe(snap.openid);
    // "使用完整服务" leads to the real consent sheet and the real account.
    const full = await page({ scope: "snsapi_userinfo", sandbox_openid: snap.openid, sandbox_full: "1" });
    expect(full.text).toContain("允许");
    const real = await decide({ ...hiddenFields(full.text), decision: "allow" });
    const realToken = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: new URL(real.headers.get("location")!).searchParams.get("code")!,
    });
    expect(realToken).toMatchObject({ openid: snap.openid, isSnapshotUser: false });
  });
});
