import { describe, expect, it } from "vitest";
import type { LiveMenu } from "../../desk-api.js";
import { staleLinks } from "./stale-links.js";

const live: LiveMenu = {
  menu: {
    button: [
      { type: "view", name: "我的主页", url: "http://127.0.0.1:7401/oauth/start?link=abc" },
      {
        name: "服务",
        sub_button: [
          { type: "view", name: "直接授权", url: "http://localhost:7400/connect/oauth2/authorize?appid=x" },
          { type: "view", name: "官网", url: "https://example.com/" },
          { type: "click", name: "签到", key: "SIGN_IN" },
          { type: "view", name: "新地址", url: "http://127.0.0.1:9001/oauth/start?link=def" },
        ],
      },
    ],
  },
  conditional: [
    {
      menuid: "208396939",
      button: [{ type: "view", name: "VIP", url: "http://[::1]:7401/vip" }],
      matchrule: { tag_id: "100" },
    },
  ],
};

describe("staleLinks", () => {
  it("names every published link on a former loopback port, in the default and the personalised menus", () => {
    expect(staleLinks(live, [7400, 7401], [9000, 9001])).toEqual([
      { name: "我的主页", url: "http://127.0.0.1:7401/oauth/start?link=abc" },
      { name: "直接授权", url: "http://localhost:7400/connect/oauth2/authorize?appid=x" },
      { name: "VIP", url: "http://[::1]:7401/vip", conditionalMenuid: "208396939" },
    ]);
  });

  it("a port the local sandbox has again is not stale; no former ports, nothing stale", () => {
    expect(staleLinks(live, [7401], [7401, 7400]).map((l) => l.name)).toEqual([]);
    expect(staleLinks(live, [], [9000])).toEqual([]);
    expect(staleLinks({ menu: null, conditional: [] }, [7401], [9000])).toEqual([]);
  });

  it("only this machine's addresses count: another host on the same port is not ours", () => {
    const elsewhere: LiveMenu = {
      menu: { button: [{ type: "view", name: "别处", url: "http://192.168.1.5:7401/x" }] },
      conditional: [],
    };
    expect(staleLinks(elsewhere, [7401], [9000])).toEqual([]);
  });
});
