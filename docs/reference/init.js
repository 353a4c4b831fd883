// Starts Swagger UI on the served document. A file of its own, not the inline script of
// swagger-ui-dist's index.html: the page's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var node = document.getElementById("reference");
  window.ui = window.SwaggerUIBundle({
    url: node.getAttribute("data-openapi"),
    domNode: node,
    deepLinking: true,
    displayOperationId: true,
    // No call to swagger.io's validator: nothing leaves this origin.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
