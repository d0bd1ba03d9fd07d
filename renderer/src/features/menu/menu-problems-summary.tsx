import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { Icon } from "../../ui/icon.js";
import { menuMessages } from "./menu-messages.js";
import { selectButtons, selectProblems, useMenuStore } from "./menu-store.js";
import { findButton } from "./menu-tree.js";
import { useProblemWords } from "./use-problem-words.js";

/** 「还有 N 处需要修改」 with each problem in words and a 「去修改」 that selects the button; or all clear. */
export function MenuProblemsSummary() {
  const t = useT(menuMessages);
  const words = useProblemWords();
  const { problems, buttons, select } = useMenuStore(
    useShallow((s) => ({ problems: selectProblems(s), buttons: selectButtons(s), select: s.select })),
  );
  const count = problems.all.length;
  if (count === 0) {
    return (
      <div className="problems problems--ok" role="status">
        <Icon name="check" />
        <span>{t.problemsNone}</span>
      </div>
    );
  }
  return (
    <section className="problems" aria-label={t.problemsCount(count)}>
      <div className="problems__title" role="status">
        <Icon name="alert" />
        <span>{t.problemsCount(count)}</span>
      </div>
      <ul className="problems__list">
        {problems.all.map(({ problem, buttonId }) => {
          const owner = buttonId ? findButton(buttons, buttonId)?.button : undefined;
          return (
            <li key={`${problem.path}:${problem.code}`} className="problems__item">
              <span className="problems__text">
                <span className="problems__where">
                  {owner ? owner.name || t.untitled : t.problemsMenuWide}
                </span>
                <span className="problems__message">{words(problem, owner)}</span>
              </span>
              {buttonId ? (
                <Button size="sm" variant="ghost" onClick={() => select(buttonId)}>
                  {t.goFix}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
