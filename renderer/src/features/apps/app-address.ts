/**
 * The address users come back to, checked as the server checks it (https; plain http only on this
 * machine, for trying things out; no #; no user name) so the form can say what is wrong before
 * asking. The server checks again and has the last word.
 */
export type AddressProblem = "addressRequired" | "addressNotUrl" | "addressNotHttps" | "addressHasFragment";

const THIS_MACHINE = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function appAddressProblem(text: string): AddressProblem | undefined {
  const value = text.trim();
  if (value === "") return "addressRequired";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "addressNotUrl";
  }
  if (url.username || url.password) return "addressNotUrl";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && THIS_MACHINE.has(url.hostname))) {
    return "addressNotHttps";
  }
  if (value.includes("#")) return "addressHasFragment";
  return undefined;
}
