import type { CsvExport, DeskApi, UserPage, UserRow, UserSearchRequest } from "../../desk-api.js";
import {
  type AdminUser,
  actionOutcomeShape,
  adminUserDetailShape,
  usersPageShape,
} from "../admin/admin-shapes.js";
import { clientFor, type DeskContext } from "../desk-context.js";
import { LOCAL_PROFILE_ID } from "../settings/settings-schema.js";
import { avatarDisplay } from "../users/avatar-display.js";
import { csvFilename, usersCsv } from "../users/users-csv.js";
import { actionResult, userDetail, userRow } from "../users/users-mapping.js";

/** An export holds at most this many users (250 pages of 200): a runaway export must end. */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 200;

const userPath = (openid: string) => `users/${encodeURIComponent(openid)}`;
const repulledShape = actionOutcomeShape.extend({ user: adminUserDetailShape.optional() });

export function usersMethods(ctx: DeskContext): DeskApi["users"] {
  // Avatars go to the renderer in a form its CSP allows (users/avatar-display.ts); the CSV keeps the
  // stored URLs.
  const avatars = avatarDisplay(() =>
    ctx.settings.get().activeId === LOCAL_PROFILE_ID ? ctx.local.sandboxUrl : undefined,
  );
  async function shown<T extends UserRow>(user: T): Promise<T> {
    const { headimgurl, ...rest } = user;
    const url = await avatars.show(headimgurl);
    return (url === undefined ? rest : { ...rest, headimgurl: url }) as T;
  }

  return {
    async search(request: UserSearchRequest): Promise<UserPage> {
      const page = await (await clientFor(ctx)).request(
        {
          path: "users",
          query: {
            q: request.q,
            cursor: request.cursor,
            limit: request.limit,
            scope: request.scope,
            tokenState: request.tokenState,
          },
        },
        usersPageShape,
      );
      return {
        users: await Promise.all(page.users.map((user) => shown(userRow(user)))),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        ...(page.total === undefined ? {} : { total: page.total }),
      };
    },

    async get(openid: string) {
      return await shown(
        userDetail(await (await clientFor(ctx)).request({ path: userPath(openid) }, adminUserDetailShape)),
      );
    },

    async check(openid: string) {
      const client = await clientFor(ctx);
      return actionResult(
        await client.request({ method: "POST", path: `${userPath(openid)}/check` }, actionOutcomeShape),
      );
    },

    async refresh(openid: string) {
      const client = await clientFor(ctx);
      return actionResult(
        await client.request({ method: "POST", path: `${userPath(openid)}/refresh` }, actionOutcomeShape),
      );
    },

    async repull(openid: string) {
      const client = await clientFor(ctx);
      return actionResult(
        await client.request({ method: "POST", path: `${userPath(openid)}/userinfo` }, repulledShape),
      );
    },

    async exportCsv(request: { q?: string }): Promise<CsvExport> {
      const client = await clientFor(ctx);
      const users: AdminUser[] = [];
      let cursor: string | undefined;
      let truncated = false;
      do {
        const page = await client.request(
          { path: "users", query: { q: request.q, cursor, limit: PAGE }, timeoutMs: 30_000 },
          usersPageShape,
        );
        users.push(...page.users);
        cursor = page.nextCursor;
        if (users.length >= MAX_EXPORT_ROWS) {
          truncated = cursor !== undefined || users.length > MAX_EXPORT_ROWS;
          users.length = Math.min(users.length, MAX_EXPORT_ROWS);
          break;
        }
      } while (cursor);
      return {
        filename: csvFilename(),
        csv: usersCsv(users, ctx.settings.get().lang),
        rows: users.length,
        ...(truncated ? { truncated: true } : {}),
      };
    },
  };
}
