// Swagger UI over the OpenAPI schema, from the swagger-ui-bundle package (no CDN, no inline script).
"use strict";
window.addEventListener("load", () => {
  const el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: el.dataset.src, dom_id: "#swagger-ui", deepLinking: true });
});
