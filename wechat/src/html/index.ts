export { escapeHtml, html, SafeHtml, trustedHtml } from "./html.js";
