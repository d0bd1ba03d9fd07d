import QRCode from "qrcode";
import type { BuiltLinks, DeskApi, LinkRequest, LinkVerdict, QrCode, QrRequest } from "../../desk-api.js";
import { linksShape, linkVerdictShape } from "../admin/admin-shapes.js";
import { clientFor, type DeskContext } from "../desk-context.js";

/** Medium error correction survives a phone camera at an angle; a 2-module margin is the quiet zone readers need. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;
/** The PNG is what people print (posters, table cards): 1,024 px stays sharp at 8 cm and 300 dpi. */
export const QR_PNG_WIDTH = 1024;

export function linksMethods(ctx: DeskContext): DeskApi["links"] {
  return {
    async build(request: LinkRequest): Promise<BuiltLinks> {
      const answer = await (await clientFor(ctx)).request(
        { method: "POST", path: "links", body: { scope: request.scope, next: request.next } },
        linksShape,
      );
      return { startUrl: answer.startUrl, directUrl: answer.directUrl, checks: answer.checks };
    },

    async check(request: { url: string }): Promise<LinkVerdict> {
      const answer = await (await clientFor(ctx)).request(
        { method: "POST", path: "links/check", body: { url: request.url } },
        linkVerdictShape,
      );
      return {
        kind: answer.kind,
        own: answer.own,
        ...(answer.scope ? { scope: answer.scope } : {}),
        ...(answer.next === undefined ? {} : { next: answer.next }),
        checks: answer.checks,
      };
    },

    async qr(request: QrRequest): Promise<QrCode> {
      if (request.format === "svg") {
        const svg = await QRCode.toString(request.text, { ...QR_OPTIONS, type: "svg" });
        return { dataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}` };
      }
      return {
        dataUrl: await QRCode.toDataURL(request.text, {
          ...QR_OPTIONS,
          type: "image/png",
          width: QR_PNG_WIDTH,
        }),
      };
    },
  };
}
