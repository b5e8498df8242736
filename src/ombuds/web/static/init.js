// GOV.UK Frontend's components (served from this app, never from a CDN).
import { initAll } from "/assets/govuk/govuk-frontend.min.js";
initAll();
