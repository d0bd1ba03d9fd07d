import type { MenuButtonType } from "@wxdesk/wechat/menu";
import { defineMessages } from "../../i18n/define-messages.js";

/** Each button type in plain words (label + what the follower sees), keyed by WeChat's type name. */
export const menuTypeMessages = defineMessages(
  {
    view: "打开网页",
    viewHint: "打开一个网址，比如活动页、商城。",
    click: "回复消息",
    clickHint: "粉丝点了以后，公众号自动回复一条消息。",
    miniprogram: "打开小程序",
    miniprogramHint: "打开公众号已关联的小程序里的一个页面。",
    scancode_push: "扫一扫",
    scancode_pushHint: "打开扫码，直接显示扫到的内容。",
    scancode_waitmsg: "扫一扫，等公众号回复",
    scancode_waitmsgHint: "扫码后把结果发给公众号，等它回一条消息。",
    pic_sysphoto: "拍照发图",
    pic_sysphotoHint: "打开相机拍一张照片发给公众号。",
    pic_photo_or_album: "拍照或从相册选图",
    pic_photo_or_albumHint: "让粉丝选择拍照，或者从手机相册里选。",
    pic_weixin: "从微信相册选图",
    pic_weixinHint: "从微信相册里选图片发给公众号。",
    location_select: "发送位置",
    location_selectHint: "打开地图，让粉丝选一个位置发给公众号。",
    media_id: "发送素材",
    media_idHint: "直接发一张图片、一段语音或视频给粉丝。",
    article_id: "发送已发布的文章",
    article_idHint: "把一篇已发布的文章以卡片形式发给粉丝。",
    article_view_limited: "打开已发布的文章",
    article_view_limitedHint: "直接打开一篇已发布的文章。",
    view_limited: "打开图文素材（旧）",
    view_limitedHint: "旧的方式，微信建议改用「打开已发布的文章」。",
  },
  {
    view: "Open a web page",
    viewHint: "Opens a web address, e.g. a campaign page or a shop.",
    click: "Reply with a message",
    clickHint: "The account answers the follower's tap with a message.",
    miniprogram: "Open a Mini Program",
    miniprogramHint: "Opens a page of a Mini Program linked to the account.",
    scancode_push: "Scan a code",
    scancode_pushHint: "Opens the scanner and shows what it read.",
    scancode_waitmsg: "Scan and wait for a reply",
    scancode_waitmsgHint: "Sends the scan result to the account and waits for its reply.",
    pic_sysphoto: "Take a photo",
    pic_sysphotoHint: "Opens the camera to send a photo to the account.",
    pic_photo_or_album: "Photo or album",
    pic_photo_or_albumHint: "Lets the follower take a photo or pick one from the phone.",
    pic_weixin: "Pick from WeChat album",
    pic_weixinHint: "Picks pictures from the WeChat album to send to the account.",
    location_select: "Send a location",
    location_selectHint: "Opens a map so the follower can send a place.",
    media_id: "Send media",
    media_idHint: "Sends an image, voice or video straight to the follower.",
    article_id: "Send a published article",
    article_idHint: "Sends a published article as a card.",
    article_view_limited: "Open a published article",
    article_view_limitedHint: "Opens a published article directly.",
    view_limited: "Open a news item (old)",
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
