// medcite web app: citation popovers, the audience switch, a progress indicator.
// The pages work without this file; it only makes them quicker to use.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });

    var progress = document.getElementById("progress");
    function showProgress() { if (progress) { progress.hidden = false; } }
    document.querySelectorAll("form[data-progress]").forEach(function (form) {
      form.addEventListener("submit", showProgress);
    });
    document.querySelectorAll("a[data-progress]").forEach(function (link) {
      link.addEventListener("click", showProgress);
    });
    // Back/forward cache restores the page with the indicator still shown.
    window.addEventListener("pageshow", function () { if (progress) { progress.hidden = true; } });

    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });

    setUpPopovers();
  });

  function setUpPopovers() {
    var open = null; // {popover, marker}

    function close(returnFocus) {
      if (!open) { return; }
      open.popover.remove();
      open.marker.setAttribute("aria-expanded", "false");
      if (returnFocus) { open.marker.focus(); }
      open = null;
    }

    function show(marker) {
      var source = document.getElementById(marker.getAttribute("data-source"));
      if (!source || !source.classList.contains("passage")) { return false; }
      close(false);
      var popover = document.createElement("div");
      popover.className = "popover";
      popover.setAttribute("role", "dialog");
      popover.setAttribute("aria-label", "Source passage " + marker.textContent);
      var content = source.cloneNode(true);
      content.removeAttribute("id");
      var closeButton = document.createElement("button");
      closeButton.type = "button";
      closeButton.className = "popover-close";
      closeButton.setAttribute("aria-label", "Close source passage");
      closeButton.textContent = "\u00d7";
      closeButton.addEventListener("click", function () { close(true); });
      popover.appendChild(closeButton);
      popover.appendChild(content);
      document.body.appendChild(popover);
      place(popover, marker);
      marker.setAttribute("aria-expanded", "true");
      open = {popover: popover, marker: marker};
      var highlighted = popover.querySelector("mark");
      var text = popover.querySelector(".passage-text");
      if (highlighted && text) { text.scrollTop = Math.max(0, highlighted.offsetTop - text.offsetTop - 24); }
      closeButton.focus();
      return true;
    }

    function place(popover, marker) {
      var rect = marker.getBoundingClientRect();
      var width = popover.offsetWidth;
      var left = Math.min(window.scrollX + rect.left, window.scrollX + document.documentElement.clientWidth - width - 12);
      popover.style.left = Math.max(window.scrollX + 8, left) + "px";
      popover.style.top = (window.scrollY + rect.bottom + 6) + "px";
    }

    document.querySelectorAll("a.cite[data-source]").forEach(function (marker) {
      marker.setAttribute("role", "button");
      marker.setAttribute("aria-haspopup", "dialog");
      marker.setAttribute("aria-expanded", "false");
      marker.addEventListener("click", function (event) {
        if (open && open.marker === marker) { event.preventDefault(); close(true); return; }
        if (show(marker)) { event.preventDefault(); }
      });
      marker.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); marker.click(); }
      });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) { close(true); }
    });
    document.addEventListener("click", function (event) {
      if (open && !open.popover.contains(event.target) && event.target !== open.marker) { close(false); }
    });
    window.addEventListener("resize", function () { if (open) { place(open.popover, open.marker); } });
  }
})();
