import { appMessages } from "./app-messages.js";

/**
 * Shown when `window.wxdesk` is missing: the page was opened outside Electron and outside the web bridge.
 * No settings can be read without the bridge, so both languages are shown at once.
 */
export function MissingBridge() {
  return (
    <div className="startup">
      <div className="startup__card" role="alert">
        {(["zh-CN", "en"] as const).map((lang) => (
          <section key={lang} lang={lang} className="startup__section">
            <h1>{appMessages[lang].missingTitle}</h1>
            <p>{appMessages[lang].missingBody}</p>
          </section>
        ))}
      </div>
    </div>
  );
}
