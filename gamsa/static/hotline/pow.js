/* 청렴톡: solve the small proof of work in the background (optional; without script the form still works and
   draws on the smaller no-script budget). SHA-256(challenge + ":" + nonce) with N leading zero bits. */
(function () {
  "use strict";
  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { bits += 1; b <<= 1; }
      return bits;
    }
    return bits;
  }
  async function solve(form) {
    var challenge = form.getAttribute("data-pow");
    var field = form.querySelector("[data-pow-nonce]");
    if (!challenge || !field || !window.crypto || !window.crypto.subtle) return;
    var need = parseInt(challenge.split(".")[2], 10) || 0;
    var enc = new TextEncoder();
    for (var n = 0; n < 50000000; n++) {
      var nonce = n.toString(16);
      var digest = await window.crypto.subtle.digest("SHA-256", enc.encode(challenge + ":" + nonce));
      if (zeroBits(new Uint8Array(digest)) >= need) { field.value = nonce; return; }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-pow]").forEach(function (form) { solve(form); });
  });
})();
