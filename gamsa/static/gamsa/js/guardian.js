/* Fills the hidden latitude/longitude of a report form from the phone's location (navigator.geolocation).
   Forms opt in with data-geo-form; data-geo-auto asks on page load. The typed address is the fallback. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var form = document.querySelector("[data-geo-form]");
    if (!form) return;
    var lat = form.querySelector("[name=latitude]");
    var lng = form.querySelector("[name=longitude]");
    var status = form.querySelector("[data-geo-status]");
    var button = form.querySelector("[data-geo-button]");

    function say(message) {
      if (status) status.textContent = message;
    }

    function locate() {
      if (!("geolocation" in navigator)) {
        say("이 기기에서는 위치를 확인할 수 없습니다. 아래에 주소를 적어 주세요.");
        return;
      }
      say("위치를 확인하고 있습니다…");
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          form.dataset.located = "true";
          say("위치를 확인했습니다 (오차 약 " + Math.round(pos.coords.accuracy) + "m).");
        },
        function () {
          form.dataset.located = "false";
          say("위치를 확인하지 못했습니다. 아래에 주소를 적어 주세요.");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    }

    if (button) button.addEventListener("click", locate);
    if (form.hasAttribute("data-geo-auto") && lat && !lat.value) locate();
  });
})();
