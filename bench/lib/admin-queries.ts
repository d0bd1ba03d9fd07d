import type http from "node:http";
import type { UserRecord } from "@wxdesk/callback-server";
import { httpCall } from "./keep-alive.js";
import { PLACEHOLDER, seededRandom } from "./seed-users.js";
import type { Task } from "./task-load.js";

/** What the admin table asks for (docs/admin-api.md `GET users`), by kind. */
export const QUERY_KINDS = [
  "cjk_substring",
  "openid_prefix",
  "unionid",
  "no_match",
  "first_page",
  "cursor_page",
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** The admin table's page size (the contract's default). */
export const PAGE_LIMIT = 50;

interface AdminUserRow {
  openid: string;
  unionid?: string;
  nickname?: string;
  lastAuthorizedAt: number;
}
interface UserPageBody {
  users: AdminUserRow[];
  nextCursor?: string;
}

interface AdminQuery {
  kind: QueryKind;
  q: string;
  cursor?: string;
  /** Is this answer right for the question (so a fast wrong answer is a failure, not a result)? */
  check(page: UserPageBody): boolean;
}

export interface AdminClient {
  agent: http.Agent;
  serverUrl: string;
  adminKey: string;
}

/** `GET /admin/api/users?q=&cursor=&limit=50` → the page; throws a clear error while the route is missing. */
export async function fetchUserPage(
  client: AdminClient,
  q: string,
  cursor?: string,
): Promise<UserPageBody | undefined> {
  const params = new URLSearchParams({ q, limit: String(PAGE_LIMIT), ...(cursor ? { cursor } : {}) });
  const answer = await httpCall(client.agent, `${client.serverUrl}/admin/api/users?${params}`, {
    headers: { authorization: `Bearer ${client.adminKey}` },
  });
  if (answer.status === 404 && answer.body.includes('"not_found"')) {
    throw new Error(
      "GET /admin/api/users answered 404: the users route (callback-server/src/routes/admin/users-routes.ts) is not there yet",
    );
  }
  if (answer.status !== 200) return undefined;
  return JSON.parse(answer.body) as UserPageBody;
}

const CJK = /^[\u4e00-\u9fff]{2,}$/;

/**
 * The mix, round robin over the kinds, each question drawn from the stored users (seeded, so
 * every run asks the same): Chinese nickname fragments (2 characters) and whole names, 12-character
 * openid prefixes, whole unionids, a miss, the first page, and pages behind cursors.
 */
export async function adminQueryMix(client: AdminClient, users: readonly UserRecord[]): Promise<Task> {
  const rand = seededRandom(42);
  const pick = <T>(list: readonly T[]): T => list[rand(list.length)] as T;
  const named = users.filter((u) => u.nickname !== undefined && CJK.test(u.nickname));
  const withUnionid = users.filter((u) => u.unionid !== undefined);
  const cursors = await collectCursors(client);

  function question(kind: QueryKind): AdminQuery {
    switch (kind) {
      case "cjk_substring": {
        const nickname = pick(named).nickname as string;
        const start = rand(nickname.length - 1);
        const q = rand(2) ? nickname.slice(start, start + 2) : nickname;
        return {
          kind,
          q,
          // A store that bounds its work per call may answer an empty page with a cursor (Redis does).
          check: (p) =>
            (p.users.length > 0 || p.nextCursor !== undefined) &&
            p.users.every((u) => u.nickname?.toLowerCase().includes(q)),
        };
      }
      case "openid_prefix": {
        const openid = pick(users).openid;
        const q = openid.slice(0, 12);
        return { kind, q, check: (p) => p.users.some((u) => u.openid === openid) };
      }
      case "unionid": {
        const user = pick(withUnionid);
        return {
          kind,
          q: user.unionid as string,
          check: (p) => p.users.some((u) => u.openid === user.openid),
        };
      }
      case "no_match":
        return { kind, q: `查无此人${rand(1000)}`, check: (p) => p.users.length === 0 };
      case "first_page":
        return { kind, q: "", check: (p) => p.users.length === PAGE_LIMIT && newestFirst(p.users) };
      case "cursor_page": {
        const { q, cursor, before } = pick(cursors);
        return {
          kind,
          q,
          cursor,
          // Keyset paging: everything on the page is not newer than where the previous page stopped.
          check: (p) => p.users.every((u) => u.lastAuthorizedAt <= before) && newestFirst(p.users),
        };
      }
    }
  }

  return async (index) => {
    const query = question(QUERY_KINDS[index % QUERY_KINDS.length] as QueryKind);
    const page = await fetchUserPage(client, query.q, query.cursor);
    return page !== undefined && query.check(page) ? query.kind : false;
  };
}

/** Cursors 1–30 pages deep into everyone, and into the placeholder nickname (8% of users). */
async function collectCursors(client: AdminClient) {
  const cursors: Array<{ q: string; cursor: string; before: number }> = [];
  for (const [q, pages] of [
    ["", 30],
    [PLACEHOLDER, 15],
  ] as const) {
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) {
      const answer = await fetchUserPage(client, q, cursor);
      if (!answer) throw new Error(`could not page through q="${q}"`);
      const last = answer.users.at(-1);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
      cursors.push({ q, cursor, before: last?.lastAuthorizedAt ?? Number.POSITIVE_INFINITY });
    }
  }
  if (cursors.length === 0) throw new Error("no cursor pages: the store holds too few users");
  return cursors;
}

function newestFirst(users: readonly AdminUserRow[]): boolean {
  return users.every(
    (u, i) => i === 0 || (users[i - 1] as AdminUserRow).lastAuthorizedAt >= u.lastAuthorizedAt,
  );
}
