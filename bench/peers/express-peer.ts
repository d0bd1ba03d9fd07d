/**
 * The peer of the `peers` suite: what a Node developer writes today for WeChat web authorization —
 * express 5, express-session (its memory store) and node-webot's `wechat-oauth` with its defaults.
 * Only WeChat's hosts are changed, to the sandbox (PEER_WECHAT_BASE); everything else is as its
 * READMEs show. Run by bench/suites/peers.ts in a process of its own: PEER_PORT, PEER_APPID, PEER_SECRET.
 */
import { randomBytes } from "node:crypto";
import express from "express";
import session from "express-session";
import OAuth from "wechat-oauth";

declare module "express-session" {
  interface SessionData {
    state?: string;
    user?: { openid: string; nickname: string };
  }
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const wechatBase = env("PEER_WECHAT_BASE");
const port = Number(env("PEER_PORT"));

// wechat-oauth has its hosts written in; send its calls (and the authorize link) to the sandbox.
const request = OAuth.prototype.request;
OAuth.prototype.request = function (url: string, options: unknown, callback: unknown) {
  request.call(this, url.replace("https://api.weixin.qq.com", wechatBase), options, callback);
};
const client = new OAuth(env("PEER_APPID"), env("PEER_SECRET"));

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const app = express();
app.use(
  session({
    secret: randomBytes(32).toString("hex"),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: "lax" },
  }),
);

app.get("/healthz", (_req, res) => {
  res.send("ok");
});

app.get("/start", (req, res) => {
  const state = randomBytes(16).toString("hex");
  req.session.state = state;
  const authorize = client
    .getAuthorizeURL(`http://127.0.0.1:${port}/callback`, state, "snsapi_userinfo")
    .replace("https://open.weixin.qq.com", wechatBase);
  res.redirect(authorize);
});

app.get("/callback", (req, res) => {
  const { code, state } = req.query;
  if (typeof code !== "string" || typeof state !== "string" || state !== req.session.state) {
    res.status(403).send("bad state");
    return;
  }
  client.getUserByCode({ code, lang: "zh_CN" }, (error, user) => {
    if (error) {
      res.status(502).send(error.message);
      return;
    }
    req.session.state = undefined;
    req.session.user = { openid: user.openid, nickname: user.nickname ?? "" };
    res.redirect("/");
  });
});

app.get("/", (req, res) => {
  const user = req.session.user;
  if (!user) {
    res.send('<!doctype html><meta charset="utf-8"><a href="/start">微信登录</a>');
    return;
  }
  res.send(
    `<!doctype html><meta charset="utf-8"><title>欢迎</title><h1>你好，${escapeHtml(user.nickname)}</h1>`,
  );
});

app.listen(port, "127.0.0.1");
