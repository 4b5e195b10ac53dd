/* The discussions page: one WebSocket, every channel of the sidebar subscribed, gap-free reconnects.
 *
 * Message HTML comes from the server already escaped (links made safe there); everything else is put in the page
 * with textContent. Each channel remembers the last sequence number it received, so a reconnect asks for exactly
 * what was missed; messages sent while offline wait in `pending` and are resent with the same ref (the server
 * recognises a resend and does not post twice).
 */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("chat-config").textContent);
  const T = config.strings;
  const urls = document.getElementById("chat-urls").dataset;
  const $ = (id) => document.getElementById(id);
  const el = {
    root: $("chat"), status: $("chat-status"), list: $("chat-channel-list"), title: $("chat-title"),
    description: $("chat-description"), notice: $("chat-notice"), messages: $("chat-messages"),
    typing: $("chat-typing"), composer: $("chat-composer"), input: $("chat-input"), topic: $("chat-topic"),
    topics: $("chat-topics"), topicFilter: $("chat-topic-filter"), context: $("chat-composer-context"),
    contextText: $("chat-composer-context-text"), cancel: $("chat-composer-cancel"), online: $("chat-online"),
    toasts: $("chat-toasts"), inbox: $("chat-inbox"), inboxButton: $("chat-inbox-button"),
    inboxCount: $("chat-inbox-count"), members: $("chat-members-link"), reports: $("chat-reports-link"),
    mentions: $("chat-mentions"), send: $("chat-send"),
  };

  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => (key in values ? values[key] : ""));
  }

  // --- state -----------------------------------------------------------------------------------------------------

  const channels = new Map();
  for (const info of config.channels) addChannel(info);

  function addChannel(info) {
    if (channels.has(info.slug)) return channels.get(info.slug);
    const channel = {
      info: info,
      lastSeq: info.last_seq || 0, // everything up to here was delivered (or existed when the page was built)
      lastChange: 0,
      readSeq: info.read_seq || 0,
      unread: info.unread || 0,
      messages: new Map(),
      loaded: false,
      hasMoreBefore: true,
      loadingHistory: false,
      canPost: !info.archived,
      moderator: !!info.moderator,
      typing: new Map(),
      online: new Map(),
    };
    channels.set(info.slug, channel);
    return channel;
  }

  let current = config.current;
  let topicFilter = "";
  let ws = null;
  let connected = false;
  let backoff = 500;
  let pingTimer = null;
  let refCounter = 0;
  const pending = new Map(); // ref -> frame, resent after each reconnect until acknowledged
  let replyTo = null;
  let editing = null;

  function newRef() {
    refCounter += 1;
    return `${config.me.id}-${Date.now().toString(36)}-${refCounter}`;
  }

  // --- connection ------------------------------------------------------------------------------------------------

  function setStatus(state) {
    connected = state === "connected";
    el.root.dataset.connection = state;
    el.status.textContent = T[state] || state;
    el.send.disabled = !connected && pending.size > 20;
  }

  function connect() {
    setStatus(ws ? "reconnecting" : "connecting");
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}${config.ws_path}`);
    ws = socket;
    socket.addEventListener("open", () => {
      backoff = 500;
      setStatus("connected");
      for (const [slug, channel] of channels) subscribe(slug, channel);
      for (const frame of pending.values()) socket.send(JSON.stringify(frame));
      clearInterval(pingTimer);
      pingTimer = setInterval(() => {
        send({ type: "ping" });
        if (current) send({ type: "presence", channel: current });
      }, 20000);
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      handle(frame);
    });
    socket.addEventListener("close", () => {
      if (ws !== socket) return;
      clearInterval(pingTimer);
      setStatus("reconnecting");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    });
  }

  function send(frame) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function sendReliably(frame) {
    frame.ref = frame.ref || newRef();
    pending.set(frame.ref, frame);
    send(frame);
    return frame.ref;
  }

  function subscribe(slug, channel) {
    send({ type: "subscribe", channel: slug, after: channel.lastSeq, changes_after: channel.lastChange || undefined });
  }

  // --- incoming frames -------------------------------------------------------------------------------------------

  function handle(frame) {
    switch (frame.type) {
      case "message": return onMessage(frame, true);
      case "message_updated": return onMessage(frame, false);
      case "subscribed": return onSubscribed(frame);
      case "history": return onHistory(frame);
      case "ack": pending.delete(String(frame.ref)); return;
      case "error": return onError(frame);
      case "typing": return onTyping(frame);
      case "presence": return onPresence(frame);
      case "presence_list": return onPresenceList(frame);
      case "members": return onMembers(frame);
      case "mention": return onMention(frame);
      case "read": return onRead(frame);
      case "unsubscribed": return onUnsubscribed(frame);
      case "channel_added": return onChannelAdded(frame.channel);
      case "channel_updated": return onChannelUpdated(frame.channel);
      case "channels_changed": return send({ type: "channels" });
      case "channels": return onChannels(frame);
      case "report": return toast(`${frame.reporter}: ${frame.reason}`);
      default: return;
    }
  }

  function onMessage(message, isNew) {
    const channel = channels.get(message.channel);
    if (!channel) return;
    const known = channel.messages.get(message.seq);
    if (known && known.change >= message.change) return;
    channel.lastChange = Math.max(channel.lastChange, message.change);
    if (isNew && message.seq > channel.lastSeq) channel.lastSeq = message.seq;
    if (!known && isNew && message.sender.id !== config.me.id && message.seq > channel.readSeq) {
      if (message.channel === current && isReading()) {
        markRead(message.channel, message.seq);
      } else {
        channel.unread += 1;
        renderUnread(message.channel);
      }
    }
    if (!channel.loaded && !known && message.channel !== current) return; // shown when the channel is opened
    channel.messages.set(message.seq, message);
    if (message.channel === current) {
      const wasAtBottom = atBottom();
      renderMessage(message);
      renderTopics();
      if (wasAtBottom || message.sender.id === config.me.id) scrollToBottom();
    }
  }

  function onSubscribed(frame) {
    const channel = channels.get(frame.channel);
    if (!channel) return;
    const title = channel.info.name; // the sidebar's title (for direct conversations: the other people)
    channel.info = Object.assign(channel.info, frame.info, { name: title });
    channel.canPost = frame.info.can_post;
    channel.moderator = frame.info.is_moderator;
    channel.lastChange = Math.max(channel.lastChange, frame.last_change || 0);
    channel.readSeq = Math.max(channel.readSeq, frame.info.read_seq || 0);
    channel.online = new Map(frame.info.online.map((person) => [person.id, person.name]));
    if (frame.channel === current) {
      renderHeader();
      renderOnline();
      if (!channel.loaded) loadOlder();
    }
  }

  function onHistory(frame) {
    const channel = channels.get(frame.channel);
    if (!channel) return;
    channel.loadingHistory = false;
    channel.loaded = true;
    channel.hasMoreBefore = frame.has_more;
    for (const message of frame.messages) {
      const known = channel.messages.get(message.seq);
      if (!known || known.change < message.change) channel.messages.set(message.seq, message);
    }
    if (frame.channel === current) {
      const before = el.messages.scrollHeight - el.messages.scrollTop;
      const first = frame.messages.length && el.messages.children.length === 0;
      renderMessages();
      if (first) scrollToBottom();
      else el.messages.scrollTop = el.messages.scrollHeight - before;
      if (isReading()) markRead(current, channel.lastSeq);
    }
  }

  function onError(frame) {
    if (frame.reason === "rate_limited" && frame.ref && pending.has(String(frame.ref))) {
      toast(T.rate_limited);
      const again = pending.get(String(frame.ref));
      setTimeout(() => send(again), 1500);
      return;
    }
    if (frame.ref) pending.delete(String(frame.ref));
    if (frame.frame_type === "history" && current) {
      const channel = channels.get(current);
      if (channel) channel.loadingHistory = false;
    }
    toast(fmt(T.error, { message: frame.message }), "error");
  }

  function onTyping(frame) {
    const channel = channels.get(frame.channel);
    if (!channel) return;
    channel.typing.set(frame.user.id, { name: frame.user.name, until: Date.now() + 6000 });
    if (frame.channel === current) renderTyping();
  }

  function onPresence(frame) {
    const channel = channels.get(frame.channel);
    if (!channel) return;
    if (frame.online) channel.online.set(frame.user.id, frame.user.name);
    else channel.online.delete(frame.user.id);
    if (frame.channel === current) renderOnline();
  }

  function onPresenceList(frame) {
    const channel = channels.get(frame.channel);
    if (!channel) return;
    channel.online = new Map(frame.online.map((person) => [person.id, person.name]));
    if (frame.channel === current) renderOnline();
  }

  function onMention(frame) {
    toast(fmt(T.mentioned_you, { name: frame.sender, channel: frame.channel_name }), "mention", () => openChannel(frame.channel));
  }

  function onRead(frame) {
    const channel = channels.get(frame.channel);
    if (!channel || frame.seq <= channel.readSeq) return;
    channel.readSeq = frame.seq;
    let unread = 0;
    for (const message of channel.messages.values()) {
      if (message.seq > channel.readSeq && message.sender.id !== config.me.id && !message.deleted && !message.hidden) unread += 1;
    }
    channel.unread = Math.min(channel.unread, unread);
    renderUnread(frame.channel);
  }

  function onUnsubscribed(frame) {
    const channel = channels.get(frame.channel);
    if (frame.reason === "unsubscribed") return;
    channels.delete(frame.channel);
    const link = el.list.querySelector(`[data-slug="${CSS.escape(frame.channel)}"]`);
    if (link) link.closest("li").remove();
    if (channel) toast(fmt(T.removed, { channel: channel.info.name }), "error");
    if (frame.channel === current) {
      current = null;
      el.messages.replaceChildren();
      el.title.textContent = "";
      showNotice(fmt(T.removed, { channel: channel ? channel.info.name : frame.channel }));
      el.composer.hidden = true;
    }
  }

  function onChannelAdded(info) {
    if (channels.has(info.slug)) return;
    const channel = addChannel(Object.assign({ unread: 0, read_seq: 0 }, info, { last_seq: 0 }));
    const list = el.list.querySelector("ul:last-of-type") || el.list.appendChild(document.createElement("ul"));
    list.appendChild(channelItem(info.slug, info.name));
    subscribe(info.slug, channel);
  }

  function onChannelUpdated(info) {
    const channel = channels.get(info.slug);
    if (!channel) return;
    Object.assign(channel.info, info, { name: channel.info.name });
    if (info.archived) channel.canPost = false;
    if (info.slug === current) renderHeader();
  }

  function onChannels(frame) {
    for (const info of frame.channels) {
      if (!channels.has(info.slug)) onChannelAdded(info);
      const channel = channels.get(info.slug);
      channel.unread = info.unread;
      channel.readSeq = Math.max(channel.readSeq, info.read_seq);
      renderUnread(info.slug);
    }
    renderInbox(frame.inbox);
  }

  // --- rendering -------------------------------------------------------------------------------------------------

  function channelItem(slug, name) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = urls.channel.replace("SLUG", slug);
    a.dataset.slug = slug;
    a.className = "chat-channel";
    const label = document.createElement("span");
    label.className = "chat-channel-name";
    label.textContent = name;
    const count = document.createElement("span");
    count.className = "chat-unread";
    count.hidden = true;
    a.append(label, count);
    li.appendChild(a);
    return li;
  }

  function renderUnread(slug) {
    const channel = channels.get(slug);
    const link = el.list.querySelector(`[data-slug="${CSS.escape(slug)}"]`);
    if (channel && link) {
      const badge = link.querySelector(".chat-unread");
      badge.textContent = channel.unread;
      badge.hidden = channel.unread <= 0;
      link.classList.toggle("has-unread", channel.unread > 0);
    }
    let total = 0;
    for (const c of channels.values()) total += Math.max(0, c.unread);
    el.inboxCount.textContent = total;
    el.inboxCount.hidden = total === 0;
  }

  function renderHeader() {
    const channel = channels.get(current);
    if (!channel) return;
    el.title.textContent = channel.info.name;
    el.description.textContent = channel.info.description || channel.info.kind_label || "";
    for (const link of el.list.querySelectorAll(".chat-channel")) {
      link.classList.toggle("current", link.dataset.slug === current);
      if (link.dataset.slug === current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    el.members.hidden = el.reports.hidden = !channel.moderator;
    el.members.href = urls.members.replace("SLUG", current);
    el.reports.href = urls.reports.replace("SLUG", current);
    if (channel.info.archived) showNotice(T.archived);
    else if (!channel.canPost) showNotice(T.read_only);
    else hideNotice();
    el.composer.hidden = !channel.canPost;
    document.title = `${channel.info.name} · ${document.title.split(" · ").slice(-1)[0]}`;
  }

  function showNotice(text) {
    el.notice.textContent = text;
    el.notice.hidden = false;
  }

  function hideNotice() {
    el.notice.hidden = true;
  }

  function visible(message) {
    return !topicFilter || message.topic === topicFilter;
  }

  function renderMessages() {
    const channel = channels.get(current);
    el.messages.replaceChildren();
    if (!channel) return;
    if (channel.loaded && !channel.hasMoreBefore) {
      const start = document.createElement("p");
      start.className = "chat-beginning muted";
      start.textContent = channel.messages.size ? T.beginning : T.empty_channel;
      el.messages.appendChild(start);
    }
    const ordered = [...channel.messages.values()].sort((a, b) => a.seq - b.seq);
    for (const message of ordered) if (visible(message)) el.messages.appendChild(messageNode(message));
    renderTopics();
  }

  function renderMessage(message) {
    if (!visible(message)) return;
    const existing = el.messages.querySelector(`[data-seq="${message.seq}"]`);
    const node = messageNode(message);
    if (existing) {
      existing.replaceWith(node);
      return;
    }
    // Insert in sequence order (a gap fill may bring older numbers after newer ones arrived).
    const after = [...el.messages.querySelectorAll(".chat-message")].find((n) => Number(n.dataset.seq) > message.seq);
    el.messages.insertBefore(node, after || null);
    // The channel has a message now: the "no messages yet" line becomes "beginning of the conversation".
    const start = el.messages.querySelector(".chat-beginning");
    if (start) start.textContent = T.beginning;
  }

  function messageNode(message) {
    const item = document.createElement("article");
    item.className = "chat-message";
    item.dataset.seq = message.seq;
    item.id = `m-${message.channel}-${message.seq}`;
    if (message.sender.id === config.me.id) item.classList.add("mine");
    if (message.mentions && message.mentions.includes(config.me.id)) item.classList.add("mentions-me");

    const head = document.createElement("header");
    const who = document.createElement("button");
    who.type = "button";
    who.className = "link chat-sender";
    who.textContent = message.sender.name || "—";
    who.title = fmt(T.message_to, { name: message.sender.name });
    if (message.sender.id && message.sender.id !== config.me.id) who.addEventListener("click", () => openDirect(message.sender.id));
    const meta = document.createElement("span");
    meta.className = "chat-meta muted";
    const time = new Date(message.created_at);
    meta.textContent = `${message.topic || T.no_topic} · ${time.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "short", timeStyle: "short" })}`;
    meta.title = `#${message.seq}`;
    head.append(who, meta);
    if (message.edited && !message.deleted && !message.hidden) {
      const edited = document.createElement("span");
      edited.className = "chat-edited muted";
      edited.textContent = T.edited;
      head.appendChild(edited);
    }
    item.appendChild(head);

    if (message.reply_to) {
      const quote = document.createElement("a");
      quote.className = "chat-reply-quote";
      quote.href = `#m-${message.channel}-${message.reply_to.seq}`;
      quote.textContent = `↩ ${message.reply_to.sender}: ${message.reply_to.excerpt}`;
      item.appendChild(quote);
    }

    const body = document.createElement("div");
    body.className = "chat-body";
    if (message.deleted) {
      body.classList.add("muted");
      body.textContent = T.deleted;
    } else if (message.hidden) {
      body.classList.add("muted");
      body.textContent = fmt(T.hidden, { reason: message.hidden_reason });
    } else {
      body.innerHTML = message.html; // escaped and sanitised by the server (formatting.render_body)
    }
    item.appendChild(body);

    if (message.reactions && message.reactions.length) {
      const bar = document.createElement("div");
      bar.className = "chat-reactions";
      for (const reaction of message.reactions) {
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chat-reaction";
        const mine = reaction.users.includes(config.me.id);
        chip.classList.toggle("mine", mine);
        chip.textContent = `${reaction.emoji} ${reaction.users.length}`;
        chip.setAttribute("aria-pressed", mine ? "true" : "false");
        chip.addEventListener("click", () => react(message, reaction.emoji, !mine));
        bar.appendChild(chip);
      }
      item.appendChild(bar);
    }
    if (!message.deleted && !message.hidden) item.appendChild(actionsNode(message));
    return item;
  }

  function actionsNode(message) {
    const channel = channels.get(message.channel);
    const actions = document.createElement("div");
    actions.className = "chat-actions";
    const add = (label, handler, className) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `link ${className || ""}`;
      button.textContent = label;
      button.addEventListener("click", handler);
      actions.appendChild(button);
    };
    if (channel && channel.canPost) add(T.reply, () => startReply(message), "chat-action-reply");
    if (channel && !channel.info.archived) {
      const picker = document.createElement("details");
      picker.className = "chat-react-picker";
      const summary = document.createElement("summary");
      summary.textContent = T.react;
      picker.appendChild(summary);
      for (const emoji of config.reactions) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = emoji;
        button.addEventListener("click", () => {
          picker.open = false;
          react(message, emoji, true);
        });
        picker.appendChild(button);
      }
      actions.appendChild(picker);
    }
    if (message.sender.id === config.me.id && channel && channel.canPost) {
      add(T.edit, () => startEdit(message), "chat-action-edit");
      add(T.delete, () => {
        if (window.confirm(T.confirm_delete)) sendReliably({ type: "delete", channel: message.channel, seq: message.seq });
      }, "chat-action-delete");
    } else {
      add(T.report, () => {
        const reason = window.prompt(T.report_reason);
        if (reason && reason.trim()) {
          sendReliably({ type: "report", channel: message.channel, seq: message.seq, reason: reason.trim() });
          toast(T.reported);
        }
      }, "chat-action-report");
    }
    if (channel && channel.moderator) {
      add(T.hide, () => {
        const reason = window.prompt(T.hide_reason);
        if (reason && reason.trim()) sendReliably({ type: "hide", channel: message.channel, seq: message.seq, reason: reason.trim() });
      }, "chat-action-hide");
    }
    return actions;
  }

  function renderTopics() {
    const channel = channels.get(current);
    if (!channel) return;
    const topics = new Set();
    for (const message of channel.messages.values()) if (message.topic) topics.add(message.topic);
    const sorted = [...topics].sort((a, b) => a.localeCompare(b));
    const selected = el.topicFilter.value;
    el.topicFilter.replaceChildren(new Option(T.all_topics, ""));
    el.topics.replaceChildren();
    for (const topic of sorted) {
      el.topicFilter.appendChild(new Option(topic, topic));
      const option = document.createElement("option");
      option.value = topic;
      el.topics.appendChild(option);
    }
    el.topicFilter.value = sorted.includes(selected) ? selected : "";
  }

  function renderTyping() {
    const channel = channels.get(current);
    if (!channel) {
      el.typing.textContent = "";
      return;
    }
    const now = Date.now();
    const names = [];
    for (const [id, entry] of channel.typing) {
      if (entry.until < now) channel.typing.delete(id);
      else names.push(entry.name);
    }
    el.typing.textContent = names.length === 0 ? "" : names.length === 1 ? fmt(T.typing_one, { name: names[0] }) : T.typing_many;
  }
  setInterval(renderTyping, 1000);

  function renderOnline() {
    const channel = channels.get(current);
    el.online.replaceChildren();
    if (!channel) return;
    const people = [...channel.online.entries()].filter(([id]) => id !== config.me.id);
    if (!people.length) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = T.nobody_online;
      el.online.appendChild(li);
      return;
    }
    for (const [id, name] of people.sort((a, b) => a[1].localeCompare(b[1]))) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = name;
      button.title = fmt(T.message_to, { name: name });
      button.addEventListener("click", () => openDirect(id));
      li.appendChild(button);
      el.online.appendChild(li);
    }
  }

  function renderInbox(rows) {
    el.inbox.replaceChildren();
    const title = document.createElement("h3");
    title.textContent = T.inbox;
    el.inbox.appendChild(title);
    if (!rows.length) {
      const p = document.createElement("p");
      p.className = "muted";
      p.textContent = T.inbox_empty;
      el.inbox.appendChild(p);
      return;
    }
    const list = document.createElement("ul");
    for (const row of rows) {
      const channel = channels.get(row.channel);
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = `${channel ? channel.info.name : row.channel} › ${row.topic || T.no_topic}`;
      button.addEventListener("click", () => {
        el.inbox.hidden = true;
        openChannel(row.channel, row.topic);
      });
      const count = document.createElement("span");
      count.className = "chat-unread";
      count.textContent = `${row.unread} ${T.unread}`;
      li.append(button, " ", count);
      list.appendChild(li);
    }
    el.inbox.appendChild(list);
  }

  function toast(text, kind, onClick) {
    const note = document.createElement("div");
    note.className = `chat-toast ${kind || ""}`;
    note.textContent = text;
    if (onClick) {
      note.tabIndex = 0;
      note.addEventListener("click", () => {
        note.remove();
        onClick();
      });
    }
    el.toasts.appendChild(note);
    setTimeout(() => note.remove(), 6000);
  }

  // --- reading ---------------------------------------------------------------------------------------------------

  function atBottom() {
    return el.messages.scrollHeight - el.messages.scrollTop - el.messages.clientHeight < 60;
  }

  function scrollToBottom() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function isReading() {
    return document.visibilityState === "visible" && atBottom();
  }

  let readTimer = null;
  function markRead(slug, seq) {
    const channel = channels.get(slug);
    if (!channel || seq <= channel.readSeq) return;
    channel.readSeq = seq;
    channel.unread = 0;
    renderUnread(slug);
    clearTimeout(readTimer);
    readTimer = setTimeout(() => send({ type: "mark_read", channel: slug, seq: seq }), 300);
  }

  function loadOlder() {
    const channel = channels.get(current);
    if (!channel || channel.loadingHistory || (channel.loaded && !channel.hasMoreBefore)) return;
    const seqs = [...channel.messages.keys()];
    const before = seqs.length ? Math.min(...seqs) : channel.lastSeq + 1;
    channel.loadingHistory = send({ type: "history", channel: current, before: before, limit: 50 });
  }

  el.messages.addEventListener("scroll", () => {
    if (el.messages.scrollTop < 80) loadOlder();
    if (current && isReading()) markRead(current, channels.get(current).lastSeq);
  });
  document.addEventListener("visibilitychange", () => {
    if (current && isReading()) markRead(current, channels.get(current).lastSeq);
  });

  function openChannel(slug, topic) {
    const channel = channels.get(slug);
    if (!channel) return;
    current = slug;
    topicFilter = topic || "";
    el.inbox.hidden = true;
    el.composer.hidden = false;
    cancelComposerContext();
    history.replaceState(null, "", urls.channel.replace("SLUG", slug));
    renderHeader();
    renderMessages();
    el.topicFilter.value = topicFilter;
    el.topic.value = topicFilter;
    renderOnline();
    renderTyping();
    scrollToBottom();
    if (!channel.loaded) loadOlder();
    else if (isReading()) markRead(slug, channel.lastSeq);
    send({ type: "presence", channel: slug });
  }

  el.list.addEventListener("click", (event) => {
    const link = event.target.closest(".chat-channel");
    if (!link) return;
    event.preventDefault();
    openChannel(link.dataset.slug);
  });

  el.inboxButton.addEventListener("click", () => {
    el.inbox.hidden = !el.inbox.hidden;
    if (!el.inbox.hidden) send({ type: "channels" });
  });

  el.topicFilter.addEventListener("change", () => {
    topicFilter = el.topicFilter.value;
    el.topic.value = topicFilter;
    renderMessages();
    scrollToBottom();
  });

  function openDirect(userId) {
    const form = document.getElementById("chat-direct-form");
    form.action = urls.direct.replace(/\/0\/$/, `/${userId}/`);
    form.submit();
  }

  // --- composing -------------------------------------------------------------------------------------------------

  function startReply(message) {
    editing = null;
    replyTo = message;
    el.contextText.textContent = fmt(T.replying_to, { name: message.sender.name });
    el.context.hidden = false;
    el.topic.value = message.topic;
    el.input.focus();
  }

  function startEdit(message) {
    replyTo = null;
    editing = message;
    el.contextText.textContent = T.editing;
    el.context.hidden = false;
    el.input.value = message.body;
    el.send.textContent = T.save;
    el.input.focus();
  }

  function cancelComposerContext() {
    replyTo = null;
    editing = null;
    el.context.hidden = true;
    el.send.textContent = T.send;
  }
  el.cancel.addEventListener("click", () => {
    if (editing) el.input.value = "";
    cancelComposerContext();
  });

  el.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = el.input.value.trim();
    if (!body || !current) return;
    if (editing) {
      sendReliably({ type: "edit", channel: editing.channel, seq: editing.seq, body: body });
    } else {
      const frame = { type: "send", channel: current, body: body, topic: el.topic.value.trim() };
      if (replyTo) frame.reply_to = replyTo.seq;
      sendReliably(frame);
    }
    el.input.value = "";
    cancelComposerContext();
    hideMentions();
  });

  el.input.addEventListener("keydown", (event) => {
    if (!el.mentions.hidden && (event.key === "Enter" || event.key === "Tab")) {
      const first = el.mentions.querySelector("li");
      if (first) {
        event.preventDefault();
        first.click();
        return;
      }
    }
    if (event.key === "Escape") hideMentions();
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  let lastTyping = 0;
  el.input.addEventListener("input", () => {
    const now = Date.now();
    if (current && now - lastTyping > 3000 && el.input.value.trim()) {
      lastTyping = now;
      send({ type: "typing", channel: current, topic: el.topic.value.trim() });
    }
    suggestMentions();
  });

  // Mentions: "@" and a few letters ask the server for readers of the channel with that name.
  let mentionQuery = null;
  function suggestMentions() {
    const upto = el.input.value.slice(0, el.input.selectionStart);
    const match = /(^|\s)@([^\s@*]{1,30})$/.exec(upto);
    if (!match || !current) {
      hideMentions();
      return;
    }
    mentionQuery = match[2];
    send({ type: "members", channel: current, q: mentionQuery });
  }

  function onMembers(frame) {
    if (frame.channel !== current || mentionQuery === null) return;
    el.mentions.replaceChildren();
    for (const person of frame.members) {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.textContent = person.name;
      li.addEventListener("click", () => {
        const cursor = el.input.selectionStart;
        const before = el.input.value.slice(0, cursor).replace(/@([^\s@*]{1,30})$/, `@**${person.name}** `);
        el.input.value = before + el.input.value.slice(cursor);
        el.input.focus();
        hideMentions();
      });
      el.mentions.appendChild(li);
    }
    el.mentions.hidden = frame.members.length === 0;
  }

  function hideMentions() {
    mentionQuery = null;
    el.mentions.hidden = true;
  }

  function react(message, emoji, add) {
    sendReliably({ type: "react", channel: message.channel, seq: message.seq, emoji: emoji, add: add });
  }

  // --- start -----------------------------------------------------------------------------------------------------

  window.cpsChat = { channels: channels, pending: pending, get socket() { return ws; } };
  if (current && channels.has(current)) openChannel(current);
  connect();
})();
