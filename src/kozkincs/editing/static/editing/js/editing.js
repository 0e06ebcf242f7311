/* Közkincs editing pages: the pickers' keyboard and mouse choice, and the map picker.
   Everything here enhances plain inputs: without this script the form works as typed. */
(function () {
  "use strict";

  function pickOf(element) { return element.closest("[data-pick]"); }
  function options(pick) { return Array.prototype.slice.call(pick.querySelectorAll("[role=option]")); }
  function input(pick) { return pick.querySelector("input"); }

  function close(pick) {
    var box = pick.querySelector(".pick__matches");
    box.innerHTML = "";
    input(pick).setAttribute("aria-expanded", "false");
    input(pick).removeAttribute("aria-activedescendant");
  }

  function choose(pick, option) {
    var field = input(pick);
    field.value = option.getAttribute("data-value");
    close(pick);
    field.focus();
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function activate(pick, index) {
    var all = options(pick);
    if (!all.length) { return; }
    index = (index + all.length) % all.length;
    all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    input(pick).setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex(pick) {
    return options(pick).findIndex(function (option) { return option.getAttribute("aria-selected") === "true"; });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var pick = pickOf(event.target);
    if (pick && event.target.classList.contains("pick__matches")) {
      input(pick).setAttribute("aria-expanded", options(pick).length ? "true" : "false");
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick] [role=option]");
    if (option) { choose(pickOf(option), option); return; }
    document.querySelectorAll("[data-pick]").forEach(function (pick) {
      if (!pick.contains(event.target)) { close(pick); }
    });
  });

  document.addEventListener("keydown", function (event) {
    var pick = event.target.matches && event.target.matches("[data-pick] input") ? pickOf(event.target) : null;
    if (!pick) { return; }
    var current = activeIndex(pick);
    if (event.key === "ArrowDown") { event.preventDefault(); activate(pick, current + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); activate(pick, current - 1); }
    else if (event.key === "Escape") { close(pick); }
    else if (event.key === "Enter" && current >= 0) { event.preventDefault(); choose(pick, options(pick)[current]); }
  });

  /* The map picker: a click or a dragged marker writes the latitude and longitude inputs;
     typed coordinates move the marker. */
  function startMapPicker(element) {
    if (!window.L) { return; }
    var lat = document.getElementById(element.getAttribute("data-lat-input"));
    var lon = document.getElementById(element.getAttribute("data-lon-input"));
    if (!lat || !lon) { return; }
    element.innerHTML = "";
    var map = L.map(element, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(element.getAttribute("data-tile-url"), {
      attribution: element.getAttribute("data-tile-attribution"), maxZoom: 18
    }).addTo(map);
    var icon = L.icon({
      iconUrl: element.getAttribute("data-marker-icon"),
      iconRetinaUrl: element.getAttribute("data-marker-icon-2x"),
      shadowUrl: element.getAttribute("data-marker-shadow"),
      iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41]
    });
    var marker = null;

    function typed() {
      var y = parseFloat(String(lat.value).replace(",", "."));
      var x = parseFloat(String(lon.value).replace(",", "."));
      return isFinite(y) && isFinite(x) ? L.latLng(y, x) : null;
    }

    function write(point) {
      lat.value = point.lat.toFixed(6);
      lon.value = point.lng.toFixed(6);
      lon.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function place(point) {
      if (!marker) {
        marker = L.marker(point, { draggable: true, icon: icon, title: element.getAttribute("data-marker-label"), alt: element.getAttribute("data-marker-label") }).addTo(map);
        marker.on("dragend", function () { write(marker.getLatLng()); });
      } else {
        marker.setLatLng(point);
      }
    }

    var start = typed();
    if (start) { place(start); map.setView(start, 14); } else { map.setView([46.84, 16.84], 10); }
    map.on("click", function (event) { place(event.latlng); write(event.latlng); });
    [lat, lon].forEach(function (field) {
      field.addEventListener("change", function () {
        var point = typed();
        if (point) { place(point); map.panTo(point); }
      });
    });
  }

  /* The rich-text editor's editable area is named by the field's label and described by its
     help text, as the textarea it replaces was. */
  function labelEditors() {
    document.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var editable = wrapper.querySelector("[contenteditable=true]");
      var textarea = wrapper.querySelector("textarea");
      if (!editable || !textarea || editable.hasAttribute("aria-labelledby")) { return; }
      var label = document.querySelector("label[for='" + textarea.id + "']");
      if (label) {
        label.id = label.id || textarea.id + "-label";
        editable.setAttribute("aria-labelledby", label.id);
      }
      if (textarea.hasAttribute("aria-describedby")) {
        editable.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
      }
      editable.setAttribute("aria-multiline", "true");
    });
  }

  function start() {
    document.querySelectorAll("[data-map-picker]").forEach(startMapPicker);
    labelEditors();
    new MutationObserver(labelEditors).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
