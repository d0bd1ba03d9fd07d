import type { ActivityEvent, ActivityStatus, DeskError } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { type ActivityFilter, NO_FILTER, type TypeFilter } from "./activity-filter.js";

/** How many events stay in memory: a day of a busy account scrolls fine, a week of them must not pile up. */
export const MAX_EVENTS = 2_000;
/** The history asked for at start (`activity.recent` gives at most 500). */
export const HISTORY = 500;
/** The stream pushes events but not its own state: ask for it this often. */
export const STATUS_POLL_MS = 5_000;

interface ActivityState {
  /** Oldest first, ids unique, at most MAX_EVENTS. */
  events: ActivityEvent[];
  loading: boolean;
  loaded: boolean;
  error?: DeskError;
  /** undefined until the first answer. */
  status?: ActivityStatus;
  filter: ActivityFilter;
  /** The newest event id shown while the user reads further down; newer ones wait behind the pill. */
  heldAt?: number;
  /** Failure rows opened to their explanation. */
  expanded: ReadonlySet<number>;

  /** History, then live events, and the connection state; returns the function that stops all of it. */
  start(): () => void;
  receive(event: ActivityEvent): void;
  setType(type: TypeFilter): void;
  setText(text: string): void;
  clearFilter(): void;
  /** Holds new events back (the user scrolled away from the newest) or lets them in. */
  hold(held: boolean): void;
  toggle(id: number): void;
  reset(): void;
}

const initialState = {
  events: [],
  loading: false,
  loaded: false,
  error: undefined,
  status: undefined,
  filter: NO_FILTER,
  heldAt: undefined,
  expanded: new Set<number>(),
};

/** Adds events to a list kept oldest first without duplicates, dropping the oldest beyond MAX_EVENTS. */
export function mergeEvents(
  current: readonly ActivityEvent[],
  incoming: readonly ActivityEvent[],
): ActivityEvent[] {
  const last = current.at(-1)?.id ?? 0;
  // The common case: a live event newer than everything held.
  if (incoming.every((e, i) => e.id > (incoming[i - 1]?.id ?? last))) {
    const merged = current.concat(incoming);
    return merged.length > MAX_EVENTS ? merged.slice(-MAX_EVENTS) : merged;
  }
  const byId = new Map<number, ActivityEvent>();
  for (const event of current) byId.set(event.id, event);
  for (const event of incoming) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-MAX_EVENTS);
}

// Each start() is a session: a profile switch or unmount ends it, and its late answers are dropped.
let session = 0;
let stopCurrent: (() => void) | undefined;

export const useActivityStore = create<ActivityState>()((set, get) => ({
  ...initialState,

  start() {
    stopCurrent?.();
    const mine = ++session;
    set({ ...initialState, expanded: new Set(), loading: true });
    const api = desk().activity;
    // Subscribe before asking for the history: nothing that happens in between is lost (ids dedupe).
    const early: ActivityEvent[] = [];
    let live = false;
    const unsubscribe = api.subscribe((event) => {
      if (mine !== session) return;
      if (live) get().receive(event);
      else early.push(event);
    });
    void api.recent(HISTORY).then(
      (history) => {
        if (mine !== session) return;
        live = true;
        set({ events: mergeEvents([], [...history, ...early]), loading: false, loaded: true });
      },
      (error: unknown) => {
        if (mine !== session) return;
        live = true;
        set({ events: mergeEvents([], early), loading: false, loaded: true, error: toDeskError(error) });
      },
    );

    async function poll() {
      try {
        const status = await api.status();
        if (mine === session) set({ status });
      } catch (error) {
        if (mine === session) set({ status: { connected: false, error: toDeskError(error) } });
      }
    }
    void poll();
    const timer = setInterval(() => void poll(), STATUS_POLL_MS);

    const stop = () => {
      unsubscribe();
      clearInterval(timer);
      if (mine === session) session++;
      if (stopCurrent === stop) stopCurrent = undefined;
    };
    stopCurrent = stop;
    return stop;
  },

  receive(event) {
    set((s) => ({ events: mergeEvents(s.events, [event]) }));
  },

  setType(type) {
    set((s) => ({ filter: { ...s.filter, type } }));
  },

  setText(text) {
    set((s) => ({ filter: { ...s.filter, text } }));
  },

  clearFilter() {
    set({ filter: NO_FILTER });
  },

  hold(held) {
    const { heldAt, events } = get();
    if (held && heldAt === undefined) set({ heldAt: events.at(-1)?.id ?? 0 });
    if (!held && heldAt !== undefined) set({ heldAt: undefined });
  },

  toggle(id) {
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(id)) expanded.add(id);
      return { expanded };
    });
  },

  reset() {
    stopCurrent?.();
    session++;
    set({ ...initialState, expanded: new Set() });
  },
}));
