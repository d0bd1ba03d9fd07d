import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import { findDesk } from "./app/desk.js";
import { MissingBridge } from "./app/missing-bridge.js";
import "./styles/tokens.css";
import "./styles/base.css";
import "./ui/ui.css";
import "./app/app-shell.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(<StrictMode>{findDesk() ? <App /> : <MissingBridge />}</StrictMode>);
}
