// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../app/app-store.js";
import { ErrorExplanationView } from "./error-explanation.js";

// What @wxdesk/wechat's explainWeChatError makes of a refused menu call (its detail quotes WeChat's errmsg).
const EXPLANATION = {
  errcode: 40001,
  errorClass: "credential" as const,
  titleZh: "令牌无效或已被替换",
  titleEn: "The token is invalid or was replaced",
  detailZh:
    "微信接口 /cgi-bin/menu/get 返回错误码 40001：invalid credential, access_token is invalid or not latest。如需联系微信客服，请提供这个请求 ID：6b154d35-52030d34-b8d60df8。",
  detailEn:
    "WeChat API /cgi-bin/menu/get returned error 40001: invalid credential, access_token is invalid or not latest. If you contact WeChat support, give them this request ID: 6b154d35-52030d34-b8d60df8.",
  fixZh: "本系统会自动重新获取一次令牌。",
  fixEn: "This system fetches a new token once automatically.",
  rid: "6b154d35-52030d34-b8d60df8",
};

afterEach(() => {
  cleanup();
  useAppStore.getState().reset();
});

function parts(container: HTMLElement) {
  const details = container.querySelector("details") as HTMLDetailsElement;
  const outside = (container.textContent ?? "").replace(details.textContent ?? "", "");
  return { details, outside };
}

describe("ErrorExplanationView", () => {
  it("zh-CN: words first; the errcode, WeChat's English errmsg, endpoint and request id behind a closed 「详情」", () => {
    const { container } = render(
      <ErrorExplanationView explanation={EXPLANATION} technical={["给开发人员：stable_token"]} />,
    );
    expect(screen.getByText("令牌无效或已被替换")).toBeTruthy();
    expect(screen.getByText("本系统会自动重新获取一次令牌。")).toBeTruthy();
    const { details, outside } = parts(container);
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe("详情");
    for (const raw of ["invalid credential", "/cgi-bin/menu/get", "40001", "6b154d35", "stable_token"]) {
      expect(details.textContent, raw).toContain(raw);
      expect(outside, raw).not.toContain(raw);
    }
  });

  it("English: the same split, the summary says Details", () => {
    useAppStore.setState({ settings: { lang: "en", theme: "system", allowPlaintextKeys: false } });
    const { container } = render(<ErrorExplanationView explanation={EXPLANATION} />);
    expect(screen.getByText("The token is invalid or was replaced")).toBeTruthy();
    const { details, outside } = parts(container);
    expect(details.querySelector("summary")?.textContent).toBe("Details");
    expect(details.textContent).toContain("WeChat error 40001");
    expect(outside).not.toContain("invalid credential");
  });
});
