/* A searchable picker over a plain <select data-combobox> (WAI-ARIA APG "editable combobox with list autocomplete").
   Without JavaScript the select works as it is. With it, a text box filters the options as the user types
   (any part of the name: "건설" finds 건설과 and 건설관리과), ↑/↓ move, Enter or a click picks, Esc closes; the
   hidden select keeps the value the form sends and gets a "change" event (htmx narrows the handler list on it). */
(function () {
  "use strict";
  var counter = 0;

  function enhance(select) {
    if (select.dataset.comboboxReady) return;
    select.dataset.comboboxReady = "1";
    var id = "gamsa-cb-" + (++counter);
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value !== ""; });
    var wrap = document.createElement("div");
    wrap.className = "gamsa-combobox";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "krds-input";
    input.id = select.id + "_search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    input.setAttribute("autocomplete", "off");
    input.placeholder = select.dataset.comboboxPlaceholder || "이름 일부를 입력해 찾기";
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.setAttribute("for", input.id); label.id = label.id || id + "-label"; input.setAttribute("aria-labelledby", label.id); }
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "gamsa-combobox-list";
    list.setAttribute("role", "listbox");
    if (label) list.setAttribute("aria-labelledby", label.id);
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(status);
    wrap.appendChild(select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    var selected = select.options[select.selectedIndex];
    input.value = selected && selected.value ? selected.text : "";
    var active = -1, shown = [];

    function render() {
      var q = input.value.trim();
      shown = options.filter(function (o) { return !q || o.text.indexOf(q) !== -1; });
      list.innerHTML = "";
      shown.forEach(function (o, i) {
        var li = document.createElement("li");
        li.id = id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", o.value === select.value ? "true" : "false");
        li.textContent = o.text;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(o); });
        list.appendChild(li);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "gamsa-combobox-empty";
        none.textContent = "맞는 항목이 없습니다.";
        list.appendChild(none);
      }
      status.textContent = shown.length + "개 항목";
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function open() { render(); list.hidden = false; input.setAttribute("aria-expanded", "true"); }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
    function move(step) {
      if (list.hidden) open();
      if (!shown.length) return;
      active = (active + step + shown.length) % shown.length;
      Array.prototype.forEach.call(list.children, function (li, i) { li.classList.toggle("is-active", i === active); });
      var current = list.children[active];
      input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    }
    function pick(o) {
      input.value = o.text;
      if (select.value !== o.value) {
        select.value = o.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      close();
    }
    input.addEventListener("input", open);
    input.addEventListener("focus", function () { input.select(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Enter" && !list.hidden) {
        e.preventDefault();
        var o = active >= 0 ? shown[active] : (shown.length === 1 ? shown[0] : null);
        if (o) pick(o);
      } else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () {
      close();
      var current = select.options[select.selectedIndex];  // typed text that picked nothing: show the choice again
      input.value = current && current.value ? current.text : "";
    });
  }

  function init(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[data-combobox]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
})();
