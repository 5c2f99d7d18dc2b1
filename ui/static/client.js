/*
 * The app's own layer in the browser (installed by ui/client.py; plain script, no library).
 *
 * 1. Notes and evidence are saved as typed (every text area in a question's container).
 *    Streamlit's text area sends its value to the server only when it loses focus or on
 *    Ctrl+Enter. Here, after PAUSE_MS without a keystroke, and at once when the page is
 *    hidden, left or reloaded, a question's box with unsent text is sent the same
 *    keydown (Enter with Ctrl) that Streamlit's text area treats as "apply". The box keeps
 *    focus and its caret. A box mid-composition (an input method editor) is left alone until
 *    the composition ends. Text typed while the save's rerun is on its way is kept: the box
 *    is then "dirty" again, and Streamlit does not overwrite a dirty box.
 * 2. After a move to another page (its URL path changes), once the new page's script run has
 *    finished, keyboard focus goes to its first h1 (given tabindex=-1), unless the person is
 *    already typing in a field. Not on the first load of a page.
 *
 * Heading anchors and the "Press Ctrl+Enter" instructions are dealt with in client.css.
 */
(function () {
  "use strict";
  if (window.__maturityClient) {
    return; // Streamlit ran the element again: the document already has the layer
  }
  window.__maturityClient = true;

  var PAUSE_MS = 700;
  var NOTE = "[class*='st-key-question-'] textarea";
  var waiting = new Map(); // note or evidence box -> its timer
  var composing = new Set();

  function commit(box) {
    var timer = waiting.get(box);
    if (timer !== undefined) {
      window.clearTimeout(timer);
      waiting.delete(box);
    }
    if (!box.isConnected || box.disabled || composing.has(box)) {
      return;
    }
    box.dispatchEvent(
      new KeyboardEvent("keydown", {
        key: "Enter",
        code: "Enter",
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      })
    );
  }

  function later(box) {
    var timer = waiting.get(box);
    if (timer !== undefined) {
      window.clearTimeout(timer);
    }
    waiting.set(
      box,
      window.setTimeout(function () {
        commit(box);
      }, PAUSE_MS)
    );
  }

  function commitAll() {
    Array.from(waiting.keys()).forEach(commit);
  }

  function isNote(target) {
    return target instanceof HTMLTextAreaElement && target.matches(NOTE);
  }

  document.addEventListener(
    "input",
    function (event) {
      if (isNote(event.target)) {
        later(event.target);
      }
    },
    true
  );
  document.addEventListener(
    "compositionstart",
    function (event) {
      if (isNote(event.target)) {
        composing.add(event.target);
      }
    },
    true
  );
  document.addEventListener(
    "compositionend",
    function (event) {
      if (isNote(event.target)) {
        composing.delete(event.target);
        later(event.target);
      }
    },
    true
  );
  // Streamlit sends the value itself when the box loses focus.
  document.addEventListener(
    "focusout",
    function (event) {
      if (isNote(event.target) && waiting.has(event.target)) {
        window.clearTimeout(waiting.get(event.target));
        waiting.delete(event.target);
      }
    },
    true
  );
  window.addEventListener("pagehide", commitAll);
  window.addEventListener("beforeunload", commitAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      commitAll();
    }
  });

  var shownPath = window.location.pathname;
  var headingDue = false;

  function typing() {
    var active = document.activeElement;
    return (
      active instanceof HTMLElement &&
      active.isConnected &&
      active.matches("input[type='text'], input:not([type]), textarea, [contenteditable='true']")
    );
  }

  function focusHeading() {
    if (window.location.pathname !== shownPath) {
      shownPath = window.location.pathname;
      headingDue = true;
    }
    if (!headingDue) {
      return;
    }
    var app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") {
      return;
    }
    var heading = document.querySelector("[data-testid='stMain'] h1");
    if (!heading) {
      return;
    }
    headingDue = false;
    if (typing()) {
      return;
    }
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  // A box that scrolls must be reachable with the keyboard (WCAG 2.1.1; axe's
  // scrollable-region-focusable): a table wider than a phone scrolls sideways, and the
  // sidebar scrolls when its menu is longer than the window. Each becomes a named,
  // focusable region while (and only while) it scrolls.
  var SCROLLERS = [
    [".stTable > div", "Table: scroll sideways to see every column", "x"],
    ["[data-testid='stSidebarContent']", "Menu and assessment details", "y"],
  ];

  function scrollableTables() {
    SCROLLERS.forEach(function (entry) {
      document.querySelectorAll(entry[0]).forEach(function (box) {
        var scrolls =
          entry[2] === "x"
            ? box.scrollWidth > box.clientWidth + 1
            : box.scrollHeight > box.clientHeight + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", entry[1]);
        } else if (!scrolls && box.getAttribute("role") === "region") {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
    });
  }

  function onChange() {
    focusHeading();
    scrollableTables();
  }
  window.addEventListener("resize", scrollableTables);

  new MutationObserver(onChange).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-test-script-state"],
  });
})();
