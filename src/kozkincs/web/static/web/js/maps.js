/* Közkincs maps: progressive enhancement of <div class="map" data-map> elements.
 *
 * Every map on the site has an equivalent list next to it, so nothing here is required to use
 * the page. Data comes from a JSON script element (data-features="<id>") or from a same-origin
 * GeoJSON URL (data-source). Tiles are decoration: if they fail to load the features still
 * show. Texts arrive translated in data-* attributes. No inline styles or handlers (CSP).
 */
(function () {
  "use strict";

  function readFeatures(element) {
    var id = element.dataset.features;
    if (!id) { return Promise.resolve(null); }
    var script = document.getElementById(id);
    if (!script) { return Promise.resolve(null); }
    try {
      return Promise.resolve(JSON.parse(script.textContent));
    } catch (error) {
      return Promise.resolve(null);
    }
  }

  // The API pages its GeoJSON; collect the pages up to a bound so a huge result cannot hang
  // the browser (the list beside the map always has everything).
  var MAX_PAGES = 20;

  function fetchPage(url, page) {
    var separator = url.indexOf("?") === -1 ? "?" : "&";
    return fetch(url + separator + "page_size=100&page=" + page, {
      headers: { Accept: "application/geo+json, application/json" }
    }).then(function (response) { return response.ok ? response.json() : null; });
  }

  function fetchFeatures(element) {
    var url = element.dataset.source;
    if (!url) { return Promise.resolve(null); }
    var collection = { type: "FeatureCollection", features: [] };
    function next(page) {
      return fetchPage(url, page).then(function (data) {
        if (!data || !data.features) { return collection; }
        collection.features = collection.features.concat(data.features);
        if (data.num_pages && page < data.num_pages && page < MAX_PAGES) { return next(page + 1); }
        return collection;
      });
    }
    return next(1).catch(function () { return collection; });
  }

  function popupContent(properties, element) {
    var wrapper = document.createElement("div");
    var link = properties.html_url || properties.url;
    var image = properties.image;
    if (image && image.url) {
      // The record's cover photo (a small thumbnail); its alternative text comes with it.
      var picture = document.createElement("img");
      picture.className = "popup-cover";
      picture.src = image.url;
      picture.alt = image.alt || "";
      if (image.width) { picture.width = image.width; }
      if (image.height) { picture.height = image.height; }
      wrapper.appendChild(picture);
    }
    var title = document.createElement(link ? "a" : "strong");
    title.textContent = properties.name || "";
    if (link) { title.href = link; }
    wrapper.appendChild(title);
    var detail = properties.settlement || properties.detail;
    if (detail) {
      var line = document.createElement("div");
      line.textContent = detail;
      wrapper.appendChild(line);
    }
    if (properties.approximate && element.dataset.labelApproximate) {
      var note = document.createElement("div");
      note.textContent = element.dataset.labelApproximate;
      wrapper.appendChild(note);
    }
    return wrapper;
  }

  function featureLayer(collection, element) {
    return L.geoJSON(collection, {
      style: function () {
        return { color: "#1f5130", weight: 2, fillColor: "#1f5130", fillOpacity: 0.12 };
      },
      pointToLayer: function (feature, latlng) {
        var properties = feature.properties || {};
        var clustered = element.dataset.cluster === "true";
        if (properties.approximate && !clustered) {
          return L.circle(latlng, { radius: 900, color: "#a33a00", weight: 2, fillOpacity: 0.1 });
        }
        // The cluster layer takes markers only: an approximate place is a paler marker there
        // (the popup and the list beside the map say it is approximate).
        return L.marker(latlng, {
          alt: properties.name || "",
          title: properties.name || "",
          opacity: properties.approximate ? 0.6 : 1
        });
      },
      onEachFeature: function (feature, layer) {
        var properties = feature.properties || {};
        if (properties.name) {
          layer.bindPopup(popupContent(properties, element));
        }
      }
    });
  }

  function addData(map, element, collection) {
    if (!collection || !collection.features || !collection.features.length) { return; }
    var layer = featureLayer(collection, element);
    var target = layer;
    if (element.dataset.cluster === "true" && L.markerClusterGroup) {
      target = L.markerClusterGroup({ showCoverageOnHover: false });
      target.addLayer(layer);
    }
    target.addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: Number(element.dataset.maxZoom || 15) });
    }
  }

  function useMarkerImages(element) {
    // Leaflet guesses its marker images' folder from its CSS, which fails once the static
    // files carry hashed names: give it the real (hashed) URLs instead.
    if (!element.dataset.markerIcon) { return; }
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: element.dataset.markerIcon,
      iconRetinaUrl: element.dataset.markerIcon2x,
      shadowUrl: element.dataset.markerShadow
    });
  }

  function initMap(element) {
    useMarkerImages(element);
    var fallback = element.querySelector(".map-fallback");
    if (fallback) { fallback.remove(); }
    var center = [Number(element.dataset.lat || 46.84), Number(element.dataset.lon || 16.84)];
    var map = L.map(element, { center: center, zoom: Number(element.dataset.zoom || 10), zoomControl: false });
    L.control.zoom({
      zoomInTitle: element.dataset.labelZoomIn || "+",
      zoomOutTitle: element.dataset.labelZoomOut || "-"
    }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "",
        maxZoom: 19
      }).addTo(map);
    }
    Promise.all([readFeatures(element), fetchFeatures(element)]).then(function (collections) {
      collections.forEach(function (collection) { addData(map, element, collection); });
    });
  }

  function start() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
