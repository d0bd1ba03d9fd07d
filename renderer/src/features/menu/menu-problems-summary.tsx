import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { Icon } from "../../ui/icon.js";
import { selectReplyProblems, useButtonReplyStore } from "./button-reply-store.js";
import { menuMessages } from "./menu-messages.js";
import { selectButtons, selectProblems, useMenuStore } from "./menu-store.js";
import { findButton } from "./menu-tree.js";
import { useProblemWords } from "./use-problem-words.js";

/**
 * 「还有 N 处需要修改」 with each problem in words and a 「去修改」 that selects the button; or all clear. A
 * click button's reply that cannot be saved yet counts too: publishing without it would lose it.
 */
export function MenuProblemsSummary() {
  const t = useT(menuMessages);
  const words = useProblemWords();
  const { problems, buttons, select } = useMenuStore(
    useShallow((s) => ({ problems: selectProblems(s), buttons: selectButtons(s), select: s.select })),
  );
  const replyProblems = useButtonReplyStore((s) => selectReplyProblems(s, buttons));
  const pick = usePick();
  const count = problems.all.length + replyProblems.length;
  // An empty menu is where everyone starts, not a mistake: the tree's empty state says what to do,
  // and a red 「还有 1 处需要修改」 before the first click only alarms.
  if (buttons.length === 0) return null;
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
      <ul className="problems__list plain-list">
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
        {replyProblems.map(({ buttonId, problem }) => (
          <li key={`${buttonId}:${problem.path}:${problem.code}`} className="problems__item">
            <span className="problems__text">
              <span className="problems__where">
                {t.replyWhere(findButton(buttons, buttonId)?.button.name || t.untitled)}
              </span>
              <span className="problems__message">
                {pick({ zh: problem.messageZh, en: problem.message })}
              </span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => select(buttonId)}>
              {t.goFix}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
