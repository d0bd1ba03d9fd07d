import { useState } from "react";
import { both } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { SegmentedButtons } from "../../ui/segmented-buttons.js";
import { appSnippet, SNIPPET_LANGUAGES, type SnippetInput, type SnippetLanguage } from "./app-snippets.js";
import { appsMessages } from "./apps-messages.js";
import { copyAndSay } from "./copy-value.js";

const LANGUAGE_NAMES: Record<SnippetLanguage, string> = {
  node: "Node.js",
  java: "Java (Spring)",
  php: "PHP",
  python: "Python (Flask)",
};

/** The code for the developer, one language at a time, each with its own copy button. */
export function AppCodeTabs({ input }: { input: SnippetInput }) {
  const t = useT(appsMessages);
  const [language, setLanguage] = useState<SnippetLanguage>("node");
  const snippet = appSnippet(language, input);
  return (
    <section className="apps-code" aria-labelledby="apps-code-heading">
      <h3 id="apps-code-heading" className="apps-code__heading">
        {t.codeHeading}
      </h3>
      <p className="apps-code__hint">{t.codeHint}</p>
      <div className="apps-code__bar">
        <fieldset className="apps-code__languages">
          <legend className="visually-hidden">{t.codeLanguage}</legend>
          <div className="segmented">
            <SegmentedButtons<SnippetLanguage>
              options={SNIPPET_LANGUAGES}
              value={language}
              onChange={setLanguage}
              label={(option) => LANGUAGE_NAMES[option]}
            />
          </div>
        </fieldset>
        <Button
          size="sm"
          aria-label={`${t.copyCode} (${LANGUAGE_NAMES[language]})`}
          onClick={() =>
            void copyAndSay(
              snippet.code,
              both(appsMessages, (m) => `${m.codeCopied} (${LANGUAGE_NAMES[language]})`),
            )
          }
        >
          {t.copyCode}
        </Button>
      </div>
      <p className="apps-code__file hint-text">{t.codeFile(snippet.file)}</p>
      <pre className="apps-code__block" data-language={language}>
        <code>{snippet.code}</code>
      </pre>
      <p className="apps-code__file hint-text">{t.codeSetup}</p>
      <pre className="apps-code__block apps-code__block--setup">
        <code>{snippet.setup}</code>
      </pre>
    </section>
  );
}
