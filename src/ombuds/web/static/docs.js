// Swagger UI over this app's own OpenAPI document (assets served locally).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
