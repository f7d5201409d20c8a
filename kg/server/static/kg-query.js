// The query page's editor: YASGUI (bundled, offline) on kg's /sparql endpoint.
// Without JavaScript the page still works: its form runs the query on the server.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var data = document.getElementById("kg-canned");
  if (!root || !data || typeof Yasgui === "undefined") {
    return;
  }
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).href;
  var canned = JSON.parse(data.textContent);
  var textarea = document.getElementById("query-text");
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; }
    },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false
  });
  document.body.classList.add("with-yasgui");
  var tab = yasgui.getTab();
  if (textarea && textarea.value.trim()) {
    tab.setQuery(textarea.value);
  }
  var buttons = document.querySelectorAll("[data-canned]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function (event) {
      var example = canned[button.getAttribute("data-canned")];
      if (!example) {
        return;
      }
      event.preventDefault();
      var current = yasgui.getTab();
      current.setQuery(example.sparql);
      current.query();
    });
  });
})();
