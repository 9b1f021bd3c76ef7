import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { SupportApp } from "./app/SupportApp";
import "../styles/app.css";
import "./styles/support.css";

// The staff pages: their own entry (support.html) and bundle, nothing of it in the customer pages'.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SupportApp />
  </StrictMode>,
);
