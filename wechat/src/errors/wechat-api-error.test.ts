import { describe, expect, it } from "vitest";
import { ERR_BAD_RESPONSE } from "./synthetic-codes.js";
import { WeChatApiError } from "./wechat-api-error.js";

describe("WeChatApiError", () => {
  it("derives class and rid from errcode and errmsg", () => {
    const error = new WeChatApiError({
      errcode: 40029,
      errmsg: "invalid code, rid: 613033ae-4a5a9224-3a2b9999",
      endpoint: "/sns/oauth2/access_token",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("WeChatApiError");
    expect(error.errorClass).toBe("code");
    expect(error.rid).toBe("613033ae-4a5a9224-3a2b9999");
    expect(error.maybeDelivered).toBe(true);
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toContain("/sns/oauth2/access_token");
    expect(error.message).toContain("40029");
  });

  it("keeps an overridden class in its explanation (HTTP 5xx is retryable)", () => {
    const error = new WeChatApiError({
      errcode: ERR_BAD_RESPONSE,
      errmsg: "HTTP 502",
      endpoint: "/cgi-bin/menu/get",
      errorClass: "retryable",
      httpStatus: 502,
    });
    expect(error.errorClass).toBe("retryable");
    const explanation = error.explain();
    expect(explanation.errorClass).toBe("retryable");
    expect(explanation.detailEn).toContain("/cgi-bin/menu/get");
  });

  it("passes the endpoint to the doctor", () => {
    const error = new WeChatApiError({
      errcode: 40001,
      errmsg: "invalid credential",
      endpoint: "/cgi-bin/token",
    });
    expect(error.explain().fixEn).toContain("older behaviour");
    expect(error.explain({ appid: "wx00000000000000a1" }).errcode).toBe(40001);
  });
});
