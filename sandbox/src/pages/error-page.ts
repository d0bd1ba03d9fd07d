import { html } from "@wxdesk/wechat/html";
import type { AuthorizeProblem } from "../authorize-check.js";
import { page, SANDBOX_TAG } from "./layout.js";

/** §1.4: WeChat shows an error page with the code and does not redirect. */
export function errorPage(problem: AuthorizeProblem): string {
  return page(
    "出错了",
    html`<div class="error" data-errcode="${problem.code}">
  <div class="icon">!</div>
  <h1>出错了</h1>
  <div class="code">错误码：${problem.code}</div>
  <p>${problem.messageZh}</p>
  <p>${problem.messageEn}</p>
  ${SANDBOX_TAG}
</div>`,
  );
}
