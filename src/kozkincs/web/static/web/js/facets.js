// The facets beside a record list, behind a disclosure button on narrow screens, so that the
// first result shows without scrolling past them. Without JavaScript, or on wide screens, the
// facets are simply shown. The heading becomes the button (the WAI-ARIA disclosure pattern);
// HTMX swaps in a new list after each filter, and the button keeps the visitor's choice.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 51.99rem)");
  var openedByVisitor = false;

  function setUp(section) {
    var heading = section.querySelector("#facets-heading");
    var body = section.querySelector("#facets-body");
    if (!heading || !body) return;
    var button = heading.querySelector("button");
    if (narrow.matches && !button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "facets-toggle";
      button.id = "facets-toggle";
      button.setAttribute("aria-controls", "facets-body");
      button.textContent = heading.textContent.trim();
      heading.textContent = "";
      heading.appendChild(button);
      button.addEventListener("click", function () {
        openedByVisitor = button.getAttribute("aria-expanded") !== "true";
        show(button, body, openedByVisitor);
      });
    } else if (!narrow.matches && button) {
      heading.textContent = button.textContent;
    }
    if (narrow.matches) {
      show(heading.querySelector("button"), body, openedByVisitor);
    } else {
      body.hidden = false;
    }
  }

  function show(button, body, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    body.hidden = !open;
  }

  function setUpAll() {
    document.querySelectorAll("section.facets").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", setUpAll);
  document.addEventListener("htmx:load", setUpAll);
  narrow.addEventListener("change", setUpAll);
})();
