/* The network graph: reads the graph JSON (same filters as the table), draws it with
   cytoscape.js, grows an ego view one step at a time and follows a year slider.
   The table above the graph holds the same information without JavaScript. */
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  if (!container || typeof window.cytoscape !== "function") { return; }
  var controls = document.querySelector(".network-graph-controls");
  var slider = document.getElementById("graph-year");
  var yearValue = document.getElementById("graph-year-value");
  var status = document.getElementById("graph-status");
  var more = document.getElementById("graph-ego-more");
  var state = { year: null, ego: null, depth: 1 };
  var colours = { organisation: "#1f5f8b", municipality: "#8b4a1f", church: "#5e3d8b",
                  company: "#2f6b2f", person: "#6b6b1f", settlement: "#444444" };
  controls.hidden = false;
  var cy = window.cytoscape({
    container: container,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10,
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)" } },
      { selector: "edge", style: { "width": 1, "line-color": "#999999" } },
      { selector: "node.ego", style: { "border-width": 3, "border-color": "#000000" } }
    ],
    wheelSensitivity: 0.3
  });

  function query() {
    var params = new URLSearchParams(new FormData(document.getElementById("network-filters")));
    params.delete("year");
    if (state.year) { params.set("year", state.year); }
    if (state.ego) { params.set("ego", state.ego); params.set("depth", state.depth); }
    return params.toString();
  }

  function load() {
    status.textContent = "…";
    fetch(container.dataset.url + "?" + query(), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(draw)
      .catch(function () { status.textContent = container.dataset.error || "!"; });
  }

  function draw(data) {
    var elements = (data.nodes || []).map(function (node) {
      return { data: { id: String(node.id), label: node.label, url: node.url,
        colour: colours[node.kind] || "#444444", size: 12 + Math.min(node.degree || 0, 30) } };
    });
    (data.edges || []).forEach(function (edge, index) {
      elements.push({ data: { id: "e" + index, source: String(edge.source), target: String(edge.target) } });
    });
    cy.elements().remove();
    cy.add(elements);
    if (state.ego) { cy.getElementById(String(state.ego)).addClass("ego"); }
    cy.layout({ name: elements.length > 400 ? "grid" : "cose", animate: false }).run();
    status.textContent = (data.nodes || []).length + " / " + (data.edges || []).length;
    more.disabled = !state.ego || data.aggregated;
  }

  cy.on("tap", "node", function (event) {
    var id = event.target.id();
    if (!/^[0-9]+$/.test(id)) { return; }
    state.ego = id; state.depth = 1; load();
  });
  cy.on("dbltap", "node", function (event) {
    var url = event.target.data("url");
    if (url) { window.location.href = url; }
  });
  more.addEventListener("click", function () { state.depth = Math.min(state.depth + 1, 4); load(); });
  document.getElementById("graph-reset").addEventListener("click", function () {
    state.ego = null; state.depth = 1; load();
  });
  document.getElementById("graph-all-years").addEventListener("click", function () {
    state.year = null; if (yearValue) { yearValue.textContent = yearValue.dataset.all || yearValue.textContent; } load();
  });
  if (slider) {
    if (yearValue) { yearValue.dataset.all = yearValue.textContent; }
    slider.addEventListener("change", function () {
      state.year = slider.value; yearValue.textContent = slider.value; load();
    });
  }
  load();
})();
