import { StoreInputError } from "./store-errors.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Page sizes are bounded so one admin request cannot make the store serialize the world. */
export function checkLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new StoreInputError("bad-limit", `limit must be an integer from 1 to ${max}.`);
  }
  return limit;
}

export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new StoreInputError("bad-ttl", "ttlMs must be a positive number of milliseconds.");
  }
  return Math.ceil(ttlMs);
}

/** `listRecords` answers at most this many: collections are small by design (store-types.ts). */
export const RECORDS_LIST_MAX = 1000;

/** A record's collection or id: 1..256 characters. */
export function checkRecordName(name: string, what: "collection" | "id"): string {
  if (typeof name !== "string" || name.length < 1 || name.length > 256) {
    throw new StoreInputError("bad-record-name", `The record ${what} must be 1 to 256 characters.`);
  }
  return name;
}

export function checkDay(day: string): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new StoreInputError("bad-day", "dayFrom must be a UTC date as YYYY-MM-DD.");
  }
  return day;
}

/** Stats are bucketed by UTC day so every instance, whatever its time zone, agrees. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
