/* Every list table (.krds-table-wrap) that is wider than the screen becomes a labelled scroll region: role="region"
   named after the table's caption, tabindex="0" so that a keyboard user can scroll it with the arrow keys, and a
   visible "좌우로 밀어 보기" hint above it. Nothing is hidden: on a 390 px phone the deadline and status columns are
   one swipe away, and the hint says so. Re-checked when the window changes size and after htmx swaps a part. */
(function () {
  "use strict";

  var HINT = "좌우로 밀어 보기";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) {
      var heading = wrap.previousElementSibling;
      while (heading && !/^H[2-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      text = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "표";
    }
    return text;
  }

  function update(wrap) {
    var hint = wrap.gamsaHint;
    var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("is-scrollable", scrollable);
    if (hint) hint.hidden = !scrollable;
    if (scrollable) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", nameOf(wrap) + " (" + HINT + ")");
      wrap.setAttribute("tabindex", "0");
    } else if (wrap.dataset.gamsaScroll) {
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      wrap.removeAttribute("tabindex");
    }
  }

  var observer = window.ResizeObserver
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          update(entry.target);
        });
      })
    : null;

  function enhance(root) {
    (root || document).querySelectorAll(".krds-table-wrap").forEach(function (wrap) {
      if (wrap.dataset.gamsaScroll) return update(wrap);
      wrap.dataset.gamsaScroll = "1";
      var hint = document.createElement("p");
      hint.className = "gamsa-scroll-hint";
      hint.setAttribute("aria-hidden", "true"); // the region's name says it for screen readers
      hint.textContent = HINT;
      hint.hidden = true;
      wrap.parentNode.insertBefore(hint, wrap);
      wrap.gamsaHint = hint;
      update(wrap);
      if (observer) observer.observe(wrap);
    });
  }

  ready(function () {
    enhance(document);
    if (!observer) window.addEventListener("resize", function () { enhance(document); });
    document.body.addEventListener("htmx:afterSettle", function () { enhance(document); }); // swapped parts, outerHTML too
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { enhance(document); });
  });
})();

/* A "인쇄" button (data-gamsa-print) opens the browser's print dialog; print.css decides what goes on paper. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-gamsa-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
