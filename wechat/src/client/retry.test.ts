import { describe, expect, it } from "vitest";
import { ERR_NETWORK, WeChatApiError } from "../errors/index.js";
import { backoffDelayMs, isRetryable, withRetry } from "./retry.js";

describe("backoffDelayMs", () => {
  it("grows exponentially with jitter between half and full delay, capped", () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(0, { ...policy, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(0, { ...policy, random: () => 1 })).toBe(100);
    expect(backoffDelayMs(2, { ...policy, random: () => 0.5 })).toBe(300);
    expect(backoffDelayMs(10, { ...policy, random: () => 1 })).toBe(1000);
  });
});

describe("withRetry", () => {
  const retryable = () => new WeChatApiError({ errcode: ERR_NETWORK, errmsg: "x", endpoint: "/x" });

  it("retries only retryable WeChatApiErrors", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new Error("plain");
        },
        { retries: 3, baseDelayMs: 1 },
      ),
    ).rejects.toThrow("plain");
    expect(calls).toBe(1);
    expect(isRetryable(retryable())).toBe(true);
    expect(isRetryable(new WeChatApiError({ errcode: 40029, errmsg: "", endpoint: "/x" }))).toBe(false);
  });

  it("returns the first success", async () => {
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw retryable();
        return "ok";
      },
      { retries: 2, baseDelayMs: 1 },
    );
    expect(value).toBe("ok");
    expect(calls).toBe(3);
  });
});
