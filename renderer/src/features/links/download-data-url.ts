import { downloadBlob } from "../../shared/download-file.js";

/** The bytes of a `data:` URL (base64 or percent-encoded), as DeskApi's `links.qr` answers them. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(",");
  if (!dataUrl.startsWith("data:") || comma === -1) throw new Error("not a data: URL");
  const header = dataUrl.slice(5, comma);
  const body = dataUrl.slice(comma + 1);
  const type = header.split(";")[0] || "application/octet-stream";
  if (header.split(";").includes("base64")) {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type });
  }
  return new Blob([decodeURIComponent(body)], { type });
}

/** Saves a `data:` URL (a QR code from `links.qr`) as a file. */
export function downloadDataUrl(fileName: string, dataUrl: string): void {
  downloadBlob(fileName, dataUrlToBlob(dataUrl));
}
