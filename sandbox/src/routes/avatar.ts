import { escapeHtml } from "@wxdesk/wechat/html";
import type { FastifyInstance } from "fastify";
import type { SandboxState } from "../state/sandbox-state.js";

/** The grey placeholder WeChat shows for snapshot accounts and users without an avatar (§4). */
export const DEFAULT_AVATAR_ID = "default";
// §4: the last path segment is the square size; 0 means 640×640.
const SIZES: ReadonlyMap<string, number> = new Map([
  ["0", 640],
  ["46", 46],
  ["64", 64],
  ["96", 96],
  ["132", 132],
]);

export function avatarUrl(base: string, openid: string, size: number): string {
  return `${base}/_sandbox/avatar/${encodeURIComponent(openid)}/${size}`;
}

/** The first character (a whole emoji or CJK character, not half a surrogate pair) for a letter avatar. */
function firstChar(text: string): string {
  return Array.from(text)[0] ?? "?";
}

function letterSvg(size: number, letter: string, color: string): string {
  const font = Math.round(size * 0.5);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="${color}"/>` +
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" fill="#fff" font-size="${font}" ` +
    `font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif">${escapeHtml(letter)}</text></svg>`
  );
}

function defaultSvg(size: number): string {
  const s = size / 132;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="#c8c8c8"/>` +
    `<circle cx="${66 * s}" cy="${52 * s}" r="${24 * s}" fill="#fff"/>` +
    `<path d="M${22 * s} ${132 * s} C${22 * s} ${96 * s} ${44 * s} ${84 * s} ${66 * s} ${84 * s} ` +
    `C${88 * s} ${84 * s} ${110 * s} ${96 * s} ${110 * s} ${132 * s} Z" fill="#fff"/></svg>`
  );
}

export function registerAvatarRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get<{ Params: { openid: string; size: string } }>("/_sandbox/avatar/:openid/:size", (req, reply) => {
    const size = SIZES.get(req.params.size);
    if (size === undefined)
      return reply.code(404).send({
        error: {
          code: "bad_size",
          message: "size must be 0, 46, 64, 96 or 132",
          messageZh: "尺寸只能是 0、46、64、96、132",
        },
      });
    const account = state.apps.get(req.params.openid);
    let svg = account ? letterSvg(size, firstChar(account.name), "#07c160") : undefined;
    if (!svg)
      for (const appid of state.apps.keys()) {
        const user = state.userByOpenid(appid, req.params.openid);
        if (user) {
          svg = letterSvg(size, firstChar(user.nickname), user.color);
          break;
        }
      }
    return reply
      .header("content-type", "image/svg+xml; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(svg ?? defaultSvg(size));
  });
}
