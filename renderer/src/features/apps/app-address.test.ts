import { describe, expect, it } from "vitest";
import { appAddressProblem } from "./app-address.js";

describe("appAddressProblem", () => {
  it.each([
    ["https://shop.example.com/callback", undefined],
    ["  https://shop.example.com/callback  ", undefined],
    ["http://localhost:3000/callback", undefined],
    ["http://127.0.0.1:8080/cb", undefined],
    ["", "addressRequired"],
    ["   ", "addressRequired"],
    ["shop.example.com/callback", "addressNotUrl"],
    ["https://user:pw@shop.example.com/cb", "addressNotUrl"],
    ["http://shop.example.com/callback", "addressNotHttps"],
    ["ftp://shop.example.com/callback", "addressNotHttps"],
    ["http://localhost.example.com/cb", "addressNotHttps"],
    ["https://shop.example.com/callback#top", "addressHasFragment"],
  ])("%j → %s", (text, problem) => {
    expect(appAddressProblem(text)).toBe(problem);
  });
});
