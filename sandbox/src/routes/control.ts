import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { callbackLocation, checkAuthorize, grantFor } from "../authorize-check.js";
import {
  BadInput,
  jsonInput,
  objectInput,
  onlyKeys,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
  sendBadInput,
} from "../control-input.js";
import { publicBase } from "../request-helpers.js";
import type { FaultRule } from "../state/faults.js";
import type { SandboxUser, SandboxUserInput } from "../state/fixtures.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { avatarUrl } from "./avatar.js";

/** Runs a control handler; BadInput becomes HTTP 400 `{error:{code,message,messageZh}}`. */
function control(handler: (req: FastifyRequest, reply: FastifyReply) => unknown) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handler(req, reply);
    } catch (error) {
      if (error instanceof BadInput) return sendBadInput(reply, error);
      throw error;
    }
  };
}

/** The user as the control API shows it (openid and avatar for the given app). */
export function describeUser(state: SandboxState, user: SandboxUser, appid: string, base: string) {
  const openid = state.openidOf(user, appid);
  return {
    id: user.id,
    openid,
    nickname: user.nickname,
    nicknames: user.nicknames,
    ...(user.unionid === undefined ? {} : { unionid: user.unionid }),
    headimgurl: avatarUrl(base, openid, 132),
    tags: user.tags,
    platform: user.platform,
    language: user.language,
    snapshot: user.snapshot,
  };
}

const OPENID_SHAPE = /^[A-Za-z0-9_-]{28}$/;

function readUserInput(o: Record<string, unknown>): SandboxUserInput {
  onlyKeys(o, [
    "id",
    "openid",
    "nickname",
    "nicknames",
    "unionid",
    "tags",
    "platform",
    "language",
    "snapshot",
  ]);
  const input: SandboxUserInput = { nickname: requiredString(o, "nickname", { max: 32 }) };
  const id = optionalString(o, "id", { max: 32, pattern: /^[A-Za-z0-9_-]+$/ });
  if (id !== undefined) input.id = id;
  const openid = optionalString(o, "openid", { pattern: OPENID_SHAPE });
  if (openid !== undefined) input.openid = openid;
  if (o.unionid === null) input.unionid = null;
  else {
    const unionid = optionalString(o, "unionid", { pattern: OPENID_SHAPE });
    if (unionid !== undefined) input.unionid = unionid;
  }
  if (o.tags !== undefined) {
    if (!Array.isArray(o.tags) || !o.tags.every((t) => Number.isInteger(t) && t >= 0) || o.tags.length > 20) {
      throw new BadInput(
        "bad_field",
        '"tags" must be a list of tag ids (integers)',
        "「tags」必须是标签 id（整数）列表",
      );
    }
    input.tags = o.tags as number[];
  }
  const platform = optionalString(o, "platform", { allowed: ["iOS", "Android", "other"] });
  if (platform !== undefined) input.platform = platform as SandboxUserInput["platform"] & string;
  const language = optionalString(o, "language", { max: 8, pattern: /^[a-z]{2}(_[A-Z]{2})?$/ });
  if (language !== undefined) input.language = language;
  const snapshot = optionalBoolean(o, "snapshot");
  if (snapshot !== undefined) input.snapshot = snapshot;
  if (o.nicknames !== undefined) {
    if (o.nicknames === null || typeof o.nicknames !== "object" || Array.isArray(o.nicknames)) {
      throw new BadInput("bad_field", '"nicknames" must be an object', "「nicknames」必须是对象");
    }
    const n = o.nicknames as Record<string, unknown>;
    onlyKeys(n, ["zh_TW", "en"]);
    const zhTW = optionalString(n, "zh_TW", { max: 32 });
    const en = optionalString(n, "en", { max: 32 });
    input.nicknames = { ...(zhTW ? { zh_TW: zhTW } : {}), ...(en ? { en } : {}) };
  }
  return input;
}

function readFaultRule(value: unknown, index: number): FaultRule {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new BadInput("bad_rule", `Rule ${index} must be an object`, `第 ${index} 条规则必须是对象`);
  }
  const o = value as Record<string, unknown>;
  onlyKeys(o, ["path", "rate", "errcode", "http", "timeout", "reset", "latencyMs"]);
  const path = requiredString(o, "path", { max: 200, pattern: /^\/[A-Za-z0-9_/.-]*\*?$/ });
  if (path.startsWith("/_sandbox")) {
    throw new BadInput(
      "bad_rule",
      "Faults apply to WeChat paths, not /_sandbox",
      "故障只能作用于微信接口路径，不能是 /_sandbox",
    );
  }
  const rate = optionalNumber(o, "rate", { min: 0, max: 1 });
  if (rate === undefined)
    throw new BadInput(
      "missing_field",
      `Rule ${index}: "rate" is required`,
      `第 ${index} 条规则缺少「rate」`,
    );
  const rule: FaultRule = { path, rate };
  const errcode = optionalNumber(o, "errcode", { min: -1, max: 99_999_999, integer: true });
  const http = optionalNumber(o, "http", { min: 400, max: 599, integer: true });
  const timeout = optionalBoolean(o, "timeout");
  const reset = optionalBoolean(o, "reset");
  const latencyMs = optionalNumber(o, "latencyMs", { min: 0, max: 60_000, integer: true });
  const actions = [errcode !== undefined, http !== undefined, timeout === true, reset === true].filter(
    Boolean,
  ).length;
  if (actions > 1) {
    throw new BadInput(
      "bad_rule",
      `Rule ${index}: choose one of errcode, http, timeout, reset`,
      `第 ${index} 条规则只能选择 errcode、http、timeout、reset 其中之一`,
    );
  }
  if (actions === 0 && latencyMs === undefined) {
    throw new BadInput(
      "bad_rule",
      `Rule ${index}: nothing to do (errcode, http, timeout, reset or latencyMs)`,
      `第 ${index} 条规则没有任何动作`,
    );
  }
  if (errcode !== undefined) rule.errcode = errcode;
  if (http !== undefined) rule.http = http;
  if (timeout) rule.timeout = true;
  if (reset) rule.reset = true;
  if (latencyMs !== undefined) rule.latencyMs = latencyMs;
  return rule;
}

export function registerControlRoutes(app: FastifyInstance, state: SandboxState): void {
  /** The redirect WeChat would send after the user allowed, with a fresh code (no page involved). */
  app.post(
    "/_sandbox/consent",
    control((req, reply) => {
      const o = objectInput(req.body);
      onlyKeys(o, ["appid", "redirect_uri", "scope", "state", "openid"]);
      const params = {
        appid: optionalString(o, "appid"),
        redirect_uri: optionalString(o, "redirect_uri"),
        scope: optionalString(o, "scope"),
        state: optionalString(o, "state"),
      };
      const check = checkAuthorize(state, params);
      if (!check.ok) {
        const { code, messageEn, messageZh } = check.problem;
        throw new BadInput(code, messageEn, messageZh);
      }
      const asked = optionalString(o, "openid");
      const user =
        asked === undefined
          ? state.users[0]
          : (state.userByOpenid(check.app.appid, asked) ?? state.userById(asked));
      if (!user)
        throw new BadInput(
          "unknown_user",
          `No fixture user with openid ${asked}`,
          `没有 openid 为「${asked}」的测试用户`,
        );
      const snapshot = user.snapshot && check.scope === "snsapi_userinfo";
      const code = state.oauth.issueCode(grantFor(state, check.app, user, check.scope, snapshot));
      return reply.send({ location: callbackLocation(check.redirectUri, { code, state: check.state }) });
    }),
  );

  app.get<{ Querystring: { appid?: string } }>(
    "/_sandbox/users",
    control((req, reply) => {
      const appid = (req.query as { appid?: string }).appid ?? state.defaultApp.appid;
      if (!state.apps.has(appid))
        throw new BadInput("unknown_app", `Unknown appid ${appid}`, `未知的 appid「${appid}」`);
      const base = publicBase(req, state);
      return reply.send(state.users.map((u) => describeUser(state, u, appid, base)));
    }),
  );

  app.post(
    "/_sandbox/users",
    control((req, reply) => {
      const input = readUserInput(objectInput(req.body));
      if (input.id !== undefined && state.userById(input.id)) {
        throw new BadInput("duplicate", `User id ${input.id} already exists`, `用户 id「${input.id}」已存在`);
      }
      if (input.openid !== undefined && state.userByOpenid(state.defaultApp.appid, input.openid)) {
        throw new BadInput(
          "duplicate",
          `openid ${input.openid} already exists`,
          `openid「${input.openid}」已存在`,
        );
      }
      const user = state.addUser(input);
      return reply.send(describeUser(state, user, state.defaultApp.appid, publicBase(req, state)));
    }),
  );

  app.get("/_sandbox/clock", (_req, reply) => reply.send({ now: state.clock.nowSeconds() }));
  app.post(
    "/_sandbox/clock",
    control((req, reply) => {
      const o = objectInput(req.body);
      onlyKeys(o, ["advanceSeconds"]);
      const seconds = optionalNumber(o, "advanceSeconds", { min: 0, max: 10 * 365 * 86_400 });
      if (seconds === undefined)
        throw new BadInput("missing_field", '"advanceSeconds" is required', "缺少「advanceSeconds」");
      state.clock.advance(seconds);
      return reply.send({ now: state.clock.nowSeconds() });
    }),
  );

  app.get("/_sandbox/stats", (_req, reply) => reply.send({ calls: Object.fromEntries(state.stats) }));

  app.get("/_sandbox/faults", (_req, reply) => reply.send(state.faults.list()));
  app.put(
    "/_sandbox/faults",
    control((req, reply) => {
      const value = jsonInput(req.body);
      if (!Array.isArray(value))
        throw new BadInput(
          "not_list",
          "The body must be a JSON list of rules",
          "请求体必须是规则列表（JSON 数组）",
        );
      if (value.length > 100) throw new BadInput("too_many", "At most 100 rules", "最多 100 条规则");
      const rules = value.map((rule, i) => readFaultRule(rule, i));
      state.faults.replace(rules);
      return reply.send(rules);
    }),
  );

  app.post("/_sandbox/reset", (_req, reply) => {
    state.reset();
    return reply.send({ ok: true, now: state.clock.nowSeconds() });
  });
}
