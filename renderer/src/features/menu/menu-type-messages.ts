import { MENU_BUTTON_TABLE, type MenuButtonType } from "@wxdesk/wechat/menu";
import { defineMessages } from "../../i18n/define-messages.js";

/** Each type's name in one language, from wechat/'s §7.1 table (the desk's change list uses the same). */
function typeNames(lang: "zh" | "en"): Record<MenuButtonType, string> {
  const entries = Object.entries(MENU_BUTTON_TABLE).map(([type, row]) => [type, row[lang]]);
  return Object.fromEntries(entries) as Record<MenuButtonType, string>;
}

/**
 * Each button type in plain words, keyed by WeChat's type name: its name (`view`, from wechat/'s table)
 * and what the follower sees (`viewHint`, written here).
 */
export const menuTypeMessages = defineMessages(
  {
    ...typeNames("zh"),
    viewHint: "打开一个网址，比如活动页、商城。",
    clickHint: "粉丝点了以后，公众号自动回复一条消息。",
    miniprogramHint: "打开公众号已关联的小程序里的一个页面。",
    scancode_pushHint: "打开扫一扫，直接显示扫到的内容。",
    scancode_waitmsgHint: "扫一扫后把结果发给公众号，等它回一条消息。",
    pic_sysphotoHint: "打开相机拍一张照片发给公众号。",
    pic_photo_or_albumHint: "让粉丝选择拍照，或者从手机相册里选。",
    pic_weixinHint: "从微信相册里选图片发给公众号。",
    location_selectHint: "打开地图，让粉丝选一个位置发给公众号。",
    media_idHint: "直接发一张图片、一段语音或视频给粉丝。",
    article_idHint: "把一篇已发布的文章以卡片形式发给粉丝。",
    article_view_limitedHint: "直接打开一篇已发布的文章。",
    view_limitedHint: "旧的方式，微信建议改用「打开已发布的文章」。",
  },
  {
    ...typeNames("en"),
    viewHint: "Opens a web address, e.g. a campaign page or a shop.",
    clickHint: "The account answers the follower's tap with a message.",
    miniprogramHint: "Opens a page of a Mini Program linked to the account.",
    scancode_pushHint: "Opens the scanner and shows what it read.",
    scancode_waitmsgHint: "Sends the scan result to the account and waits for its reply.",
    pic_sysphotoHint: "Opens the camera to send a photo to the account.",
    pic_photo_or_albumHint: "Lets the follower take a photo or pick one from the phone.",
    pic_weixinHint: "Picks pictures from the WeChat album to send to the account.",
    location_selectHint: "Opens a map so the follower can send a place.",
    media_idHint: "Sends an image, voice or video straight to the follower.",
    article_idHint: "Sends a published article as a card.",
    article_view_limitedHint: "Opens a published article directly.",
    view_limitedHint: "The old way; WeChat suggests “Open a published article” instead.",
  },
);

type TypeMessages = (typeof menuTypeMessages)["en"];

export function typeLabel(t: TypeMessages, type: MenuButtonType): string {
  return t[type];
}

export function typeHint(t: TypeMessages, type: MenuButtonType): string {
  return t[`${type}Hint`];
}
