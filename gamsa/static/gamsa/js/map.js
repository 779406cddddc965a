/* The field map: loads /patrols/map/data.json (compact arrays) and shows clustered markers (Leaflet.markercluster).
   No inline scripts (CSP): settings come from data- attributes of #gamsa-map.
   Base layer: the district's 18 행정동 boundaries from a vendored GeoJSON file (data-boundaries), so the map works on
   the separated internal network (망분리) with no internet; a tile layer is added only when GAMSA_MAP_TILE_URL is
   set (data-tiles). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function text(el, value) {
    if (el) el.textContent = value;
  }

  function formatCount(n) {
    return n.toLocaleString("ko-KR");
  }

  ready(function () {
    var el = document.getElementById("gamsa-map");
    if (!el || !window.L) return;
    var status = document.querySelector("[data-map-status]");
    var centre = (el.dataset.center || "37.5264,126.8962").split(",").map(Number);
    // maxZoom on the map itself: without a tile layer the cluster group needs it from the map
    var map = L.map(el, { preferCanvas: true, maxZoom: 19, minZoom: 8 }).setView(centre, 14);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "배경지도" }).addTo(map);
    } else {
      el.classList.add("is-offline");
    }
    var boundaries = null;
    if (el.dataset.boundaries) {
      fetch(el.dataset.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(function (geo) {
          boundaries = L.geoJSON(geo, {
            interactive: false,
            style: function (feature) {
              return feature.properties.kind === "gu"
                ? { color: "#33363d", weight: 3, fill: false }
                : { color: "#6d7882", weight: 1.2, fillColor: "#256ef4", fillOpacity: 0.04 };
            },
            onEachFeature: function (feature, layer) {
              if (feature.properties.kind === "dong") {
                layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "gamsa-dong-label", interactive: false });
              }
            },
          }).addTo(map);
          boundaries.bringToBack();
          map.attributionControl.addAttribution("행정동 경계: 통계청 SGIS(2013)");
          el.dataset.boundariesLoaded = "true";
          if (!el.dataset.count || el.dataset.count === "0") map.fitBounds(boundaries.getBounds(), { padding: [10, 10] });
        })
        .catch(function () {
          el.dataset.boundariesLoaded = "error";
        });
    }
    var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 60 });
    map.addLayer(cluster);

    function icon(kind, open) {
      return L.divIcon({
        className: "gamsa-marker " + (kind === 1 ? "is-finding" : "is-complaint") + (open ? " is-open" : " is-closed"),
        iconSize: [14, 14],
      });
    }
    var icons = {};
    function iconFor(kind, open) {
      var key = kind + ":" + open;
      if (!icons[key]) icons[key] = icon(kind, open);
      return icons[key];
    }

    function popup(data, p) {
      var wrap = document.createElement("div");
      var title = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = (p[0] === 1 ? "적출사항 " : "현장민원 ") + p[1];
      title.appendChild(strong);
      wrap.appendChild(title);
      var info = document.createElement("p");
      info.textContent = [data.labels[p[5]] || "", data.statuses[p[4]] || "", p[6] >= 0 ? data.units[p[6]] : "부서 미정"]
        .filter(Boolean)
        .join(" · ");
      wrap.appendChild(info);
      var prefix = data.links[String(p[0])];
      if (prefix) {
        var a = document.createElement("a");
        a.href = prefix.replace("__REF__", encodeURIComponent(p[1]));
        a.textContent = "자세히 보기";
        wrap.appendChild(a);
      }
      return wrap;
    }

    function load() {
      var form = document.querySelector("[data-map-filter]");
      var params = form ? new URLSearchParams(new FormData(form)) : new URLSearchParams();
      text(status, "지도를 불러오는 중입니다…");
      el.dataset.loaded = "false";
      fetch(el.dataset.url + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(function (data) {
          cluster.clearLayers();
          var markers = [];
          var bounds = [];
          data.points.forEach(function (p) {
            var m = L.marker([p[2], p[3]], { icon: iconFor(p[0], p[7]), title: p[1], keyboard: false });
            m.bindPopup(function () { return popup(data, p); });
            markers.push(m);
            bounds.push([p[2], p[3]]);
          });
          cluster.addLayers(markers);
          if (bounds.length) map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
          else if (boundaries) map.fitBounds(boundaries.getBounds(), { padding: [10, 10] });
          el.dataset.count = String(data.count);
          el.dataset.loaded = "true";
          text(status, "지도에 " + formatCount(data.count) + "건을 표시했습니다." + (data.truncated ? " (너무 많아 일부만 표시합니다. 조건을 좁혀 보세요.)" : ""));
        })
        .catch(function () {
          el.dataset.loaded = "error";
          text(status, "지도 자료를 불러오지 못했습니다. 잠시 뒤 다시 시도하세요.");
        });
    }

    var form = document.querySelector("[data-map-filter]");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams(new FormData(form));
        history.replaceState(null, "", "?" + params.toString());
        load();
      });
    }
    load();
  });
})();
