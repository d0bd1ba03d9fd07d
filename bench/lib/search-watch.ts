/** What the page notes for one search (times are `performance.now()` in the page). */
export interface SearchMarks {
  /** The last input event in the search box: the keystroke the results answer. */
  keyAt?: number;
  /** Each `users.search` call the page sent to the bridge. */
  requestsAt: number[];
  /** The user list shows exactly the expected first rows. */
  rowsAt?: number;
}

/**
 * An init script (plain JavaScript: tsx would wrap TypeScript functions in a helper the page lacks)
 * that, once armed with the openids a search must show (`window.__armSearch(openids)`), notes the
 * search box's input events, the `users.search` calls leaving the page (fetch is wrapped before the
 * bridge's script runs), and — through a MutationObserver, with a per-frame check as a backstop — the
 * moment the table named `tableLabel` lists exactly the first of those openids, in order.
 */
export function searchWatchScript(tableLabel: string): string {
  return `(() => {
    const tableLabel = ${JSON.stringify(tableLabel)};
    let marks = { requestsAt: [] };
    let expected;
    window.__searchMarks = () => marks;
    window.__armSearch = (openids) => {
      expected = openids;
      marks = { requestsAt: [] };
    };
    document.addEventListener("input", (event) => {
      const target = event.target;
      if (expected && target instanceof HTMLInputElement && target.type === "search") marks.keyAt = event.timeStamp;
    }, true);
    const originalFetch = window.fetch;
    window.fetch = function (input, init) {
      const body = init && typeof init.body === "string" ? init.body : "";
      if (expected && body.includes('"users.search"')) marks.requestsAt.push(performance.now());
      return originalFetch.apply(this, arguments);
    };
    const shown = () => {
      const table = document.querySelector('table[aria-label="' + tableLabel + '"]');
      if (!table) return [];
      return [...table.querySelectorAll("tbody tr code")].map((code) => code.textContent.trim());
    };
    const check = () => {
      if (!expected || marks.keyAt === undefined || marks.rowsAt !== undefined) return;
      const rows = shown();
      if (rows.length === 0 || rows.length > expected.length) return;
      for (let i = 0; i < rows.length; i++) if (rows[i] !== expected[i]) return;
      marks.rowsAt = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    const frame = () => {
      check();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })();`;
}
