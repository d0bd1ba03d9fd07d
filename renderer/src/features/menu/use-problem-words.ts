import type { MenuProblem } from "@wxdesk/wechat/menu";
import { useLang, useT } from "../../i18n/use-t.js";
import { menuMessages } from "./menu-messages.js";
import type { EditorButton } from "./menu-tree.js";

/**
 * A problem in the editor's own words where validateMenu's message would name a wire field ("view",
 * "key"): "missing" problems become 「请填写「网页地址」」 with the label the form shows. Everything else
 * (lengths, limits, domains) keeps validateMenu's message, which already says the numbers.
 */
export function useProblemWords(): (problem: MenuProblem, button?: EditorButton) => string {
  const t = useT(menuMessages);
  const zh = useLang() === "zh-CN";
  return (problem, button) => {
    switch (problem.code) {
      case "name_empty":
        return t.nameEmpty;
      case "no_action":
      case "type_missing":
        return t.chooseAction;
      case "url_missing":
        return t.fillIn(button?.type === "miniprogram" ? t.fallbackUrlLabel : t.urlLabel);
      case "key_missing":
        return t.fillIn(t.keyLabel);
      case "appid_missing":
        return t.fillIn(t.appidLabel);
      case "pagepath_missing":
        return t.fillIn(t.pagepathLabel);
      case "media_id_missing":
        return t.fillIn(t.mediaIdLabel);
      case "article_id_missing":
        return t.fillIn(t.articleIdLabel);
      default:
        return zh ? problem.messageZh : problem.messageEn;
    }
  };
}
