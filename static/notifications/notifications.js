// The header's live counts: unread notifications on the bell, unread chat messages next to "Discussions".
// One WebSocket per page (/ws/notifications/); the server sends {"type": "counts", "notifications", "chat"}
// whenever either may have changed. Reconnects with back-off; a page woken from sleep asks again.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell]");
  if (!bell || !window.WebSocket) return;
  var countEl = bell.querySelector("[data-notification-count]");
  var chatEls = document.querySelectorAll("[data-chat-unread]");
  var socket = null;
  var delay = 1000;

  function show(el, n) {
    if (!el) return;
    el.textContent = n > 99 ? "99+" : String(n);
    el.hidden = !(n > 0);
  }

  function apply(frame) {
    if (typeof frame.notifications === "number") {
      show(countEl, frame.notifications);
      bell.setAttribute("data-count", String(frame.notifications));
      // Other scripts (the chat) change the title too: only the "(n) " prefix is ours.
      var title = document.title.replace(/^\(\d+\) /, "");
      document.title = frame.notifications > 0 ? "(" + frame.notifications + ") " + title : title;
    }
    if (typeof frame.chat === "number") {
      chatEls.forEach(function (el) {
        show(el, frame.chat);
        el.setAttribute("data-count", String(frame.chat));
      });
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + bell.getAttribute("data-socket"));
    socket.addEventListener("open", function () {
      delay = 1000;
      bell.setAttribute("data-live", "1");
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && frame.type === "counts") apply(frame);
    });
    socket.addEventListener("close", function (event) {
      bell.removeAttribute("data-live");
      socket = null;
      if (event.code === 4401) return; // logged out: nothing to count
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "ping" }));
    }
  });
  connect();
})();
