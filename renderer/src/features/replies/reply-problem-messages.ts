import { defineMessages } from "../../i18n/define-messages.js";

/**
 * What is wrong with a reply, worded as the server words its `replies_invalid` problems
 * (callback-server/src/routes/admin/replies-validate.ts), so the inline message and the server's agree.
 */
export const replyProblemMessages = defineMessages(
  {
    tooManyKeys: (limit: number, actual: number) =>
      `最多为 ${limit} 个按钮 key 设置回复，现在有 ${actual} 个`,
    keyEmpty: "按钮 key 不能为空",
    keyTooLong: (limit: number, actual: number) =>
      `按钮 key 最多 ${limit} 字节，现在是 ${actual} 字节：菜单里放不下这么长的 key`,
    contentEmpty: "文字回复不能为空",
    contentTooLong: (limit: number, actual: number) =>
      `文字回复太长：最多 ${limit} 字节（约 ${Math.floor(limit / 3)} 个汉字），现在是 ${actual} 字节`,
    mediaIdEmpty: "图片回复需要填写素材的 media_id",
    mediaIdTooLong: (limit: number) => `media_id 最多 ${limit} 个字符，这不像是微信的素材 ID`,
    articlesEmpty: "图文回复至少要有一篇文章",
    tooManyArticles: (limit: number, actual: number) => `图文回复最多 ${limit} 篇文章，现在有 ${actual} 篇`,
    titleEmpty: "文章标题不能为空",
    urlInvalid: "文章链接必须是完整的 http:// 或 https:// 网址",
    picUrlInvalid: "封面图片地址必须是完整的 http:// 或 https:// 网址（不需要封面可以留空）",
  },
  {
    tooManyKeys: (limit, actual) => `At most ${limit} button keys can have a reply, there are ${actual}`,
    keyEmpty: "The button key is empty",
    keyTooLong: (limit, actual) =>
      `A button key has at most ${limit} bytes, this one has ${actual}: no menu button could carry it`,
    contentEmpty: "The text reply is empty",
    contentTooLong: (limit, actual) =>
      `The text reply is too long: at most ${limit} bytes (about ${Math.floor(limit / 3)} Chinese characters), it has ${actual}`,
    mediaIdEmpty: "An image reply needs the image's media_id",
    mediaIdTooLong: (limit) =>
      `A media_id has at most ${limit} characters; this does not look like one of WeChat's`,
    articlesEmpty: "A news reply needs at least one article",
    tooManyArticles: (limit, actual) => `A news reply has at most ${limit} articles, it has ${actual}`,
    titleEmpty: "The article needs a title",
    urlInvalid: "The article link must be a full http:// or https:// address",
    picUrlInvalid: "The cover picture must be a full http:// or https:// address (leave it out for none)",
  },
);
