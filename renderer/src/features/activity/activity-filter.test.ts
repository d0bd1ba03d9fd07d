import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import {
  type DescribedEvent,
  matchesFilter,
  NO_FILTER,
  shownEvents,
  type TypeFilter,
} from "./activity-filter.js";
import { eventMessages } from "./event-messages.js";
import { describeEvent } from "./event-words.js";

const words = eventMessages["zh-CN"];

// As the screen does: refresh and failure events name the user by the nickname the authorization carried.
const NAMES = new Map([["oAAAA1111", "张伟"]]);

function entry(id: number, type: string, data: Record<string, unknown>): DescribedEvent {
  const event: ActivityEvent = { id, type, at: 0, data };
  return { event, line: describeEvent(event, words, true, NAMES) };
}

const ENTRIES = [
  entry(1, "authorization", { openid: "oAAAA1111", nickname: "张伟", scope: "snsapi_userinfo" }),
  entry(2, "refresh", { openid: "oAAAA1111", trigger: "auto" }),
  entry(3, "check", { openid: "oBBBB2222", ok: false, errcode: 40001 }),
  entry(4, "check", { openid: "oBBBB2222", ok: true }),
  entry(5, "failure", { action: "refresh", openid: "oAAAA1111", errcode: 40030 }),
  entry(6, "menu", { kind: "publish", versionId: 12 }),
  entry(7, "message", { openid: "oBBBB2222", msgType: "text" }),
  entry(8, "token_superseded", { errcode: 40001 }),
  entry(9, "something_new", {}),
];

const ids = (type: TypeFilter, text = "") =>
  ENTRIES.filter((e) => matchesFilter(e, { type, text })).map((e) => e.event.id);

describe("activity filter", () => {
  it("maps each type button to its events; 失败 gathers every failure, a failed check too", () => {
    expect(ids("all")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ids("authorization")).toEqual([1]);
    expect(ids("refresh")).toEqual([2]);
    expect(ids("check")).toEqual([3, 4]);
    expect(ids("failure")).toEqual([3, 5, 8]);
    expect(ids("menu")).toEqual([6]);
    expect(ids("message")).toEqual([7]);
  });

  it("matches the text in the words shown, the openid and the type, ignoring case", () => {
    expect(ids("all", "张伟")).toEqual([1, 2, 5]);
    expect(ids("all", "obbbb2222")).toEqual([3, 4, 7]);
    expect(ids("all", "第 12 版")).toEqual([6]);
    expect(ids("all", "SOMETHING_NEW")).toEqual([9]);
    expect(ids("failure", "  张伟 ")).toEqual([5]);
  });

  it("lists newest first, and holds back newer events while the user reads further down", () => {
    expect(shownEvents(ENTRIES, NO_FILTER, undefined).shown.map((e) => e.event.id)).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
    const held = shownEvents(ENTRIES, NO_FILTER, 6);
    expect(held.shown.map((e) => e.event.id)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(held.waiting).toBe(3);
    // Only what the filter lets through counts as waiting.
    expect(shownEvents(ENTRIES, { type: "failure", text: "" }, 6).waiting).toBe(1);
  });
});
