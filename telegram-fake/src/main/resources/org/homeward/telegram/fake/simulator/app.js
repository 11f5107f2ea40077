'use strict';
// Homeward simulator: plays a Telegram user against the fake Bot API. Every bot text is put in the page with
// textContent or through a whitelist of formatting tags, never as HTML.
(function () {
  const API = '/simulator/api';
  const $ = (id) => document.getElementById(id);
  const chat = $('chat'), text = $('text'), send = $('send'), keyboard = $('keyboard');
  let current = null, version = -1, generation = 0, loaded = false;
  const elements = new Map();

  async function call(path, body) {
    const r = await fetch(API + path, body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    const data = await r.json();
    if (!r.ok) throw new Error(data.error || r.status);
    return data;
  }

  async function loadUsers(selectId) {
    const users = await call('/users');
    const select = $('user-select');
    select.replaceChildren(new Option('— user —', ''));
    for (const u of users) select.add(new Option(u.firstName + ' · ' + (u.languageCode || 'none'), String(u.id)));
    if (selectId) select.value = String(selectId);
  }

  function selectUser(id) {
    current = id || null;
    version = -1; loaded = false; generation++;
    elements.clear();
    chat.replaceChildren();
    renderKeyboard(null);
    text.disabled = send.disabled = !current;
    $('status').textContent = current ? 'user ' + current : 'simulator';
    if (!current) {
      const empty = document.createElement('div');
      empty.className = 'empty'; empty.id = 'empty';
      empty.textContent = 'Pick or create a user to start chatting.';
      chat.append(empty);
      return;
    }
    poll(generation);
  }

  async function poll(gen) {
    while (gen === generation) {
      try {
        const wait = loaded ? 25 : 0;
        const data = await call('/users/' + current + '/messages?since=' + version + '&wait=' + wait);
        if (gen !== generation) return;
        apply(data);
        loaded = true;
      } catch (e) {
        $('status').textContent = 'offline, retrying…';
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  function apply(data) {
    version = data.version;
    const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
    for (const m of data.messages) {
      if (m.kind === 'callback_answer') { if (loaded) toast(m.text); continue; }
      const old = elements.get(m.id);
      if (m.deleted) { if (old) old.remove(); elements.delete(m.id); continue; }
      const el = renderMessage(m);
      if (old) old.replaceWith(el); else chat.append(el);
      elements.set(m.id, el);
    }
    renderKeyboard(data.keyboard);
    if (atBottom || !loaded) chat.scrollTop = chat.scrollHeight;
    $('status').textContent = 'user ' + current;
  }

  function renderMessage(m) {
    const wrap = document.createElement('div');
    wrap.className = 'msg ' + (m.fromBot ? 'bot' : 'user');
    wrap.dataset.id = m.id;
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (m.kind === 'text') {
      if (m.parseMode === 'HTML') appendHtml(bubble, m.text); else bubble.append(document.createTextNode(m.text));
    } else {
      const s = document.createElement('span');
      s.className = 'special';
      s.textContent = m.kind === 'location' ? '◉ ' + m.latitude.toFixed(4) + ', ' + m.longitude.toFixed(4)
        : m.kind === 'venue' ? '◉ ' + m.text + ' (' + m.latitude.toFixed(4) + ', ' + m.longitude.toFixed(4) + ')'
        : m.kind === 'contact' ? '☎ ' + m.text : '[' + m.kind + ']';
      bubble.append(s);
    }
    const meta = document.createElement('span');
    meta.className = 'meta';
    const t = new Date(m.date * 1000);
    meta.textContent = (m.edited ? 'edited ' : '') + t.toTimeString().slice(0, 5);
    bubble.append(meta);
    wrap.append(bubble);
    if (m.inlineKeyboard && m.inlineKeyboard.length) wrap.append(renderInline(m));
    return wrap;
  }

  // Telegram's HTML subset, rebuilt node by node from an inert parse: unknown tags keep only their text.
  const ALLOWED = { B: 'b', STRONG: 'b', I: 'i', EM: 'i', U: 'u', INS: 'u', S: 's', STRIKE: 's', DEL: 's',
    CODE: 'code', PRE: 'pre', A: 'a', BLOCKQUOTE: 'blockquote', 'TG-SPOILER': 'span', SPAN: 'span' };
  function appendHtml(target, html) {
    const doc = new DOMParser().parseFromString('<body>' + html, 'text/html');
    (function copy(from, to) {
      for (const n of from.childNodes) {
        if (n.nodeType === Node.TEXT_NODE) { to.append(document.createTextNode(n.textContent)); continue; }
        if (n.nodeType !== Node.ELEMENT_NODE) continue;
        const tag = ALLOWED[n.tagName];
        if (!tag) { copy(n, to); continue; }
        const el = document.createElement(tag);
        if (tag === 'a') {
          const href = n.getAttribute('href') || '';
          if (/^(https?:|tg:)/i.test(href)) { el.href = href; el.target = '_blank'; el.rel = 'noopener noreferrer'; }
        }
        copy(n, el);
        to.append(el);
      }
    })(doc.body, target);
  }

  function renderInline(m) {
    const kb = document.createElement('div');
    kb.className = 'inline-kb';
    for (const row of m.inlineKeyboard) {
      const r = document.createElement('div');
      r.className = 'inline-row';
      for (const b of row) {
        let el;
        if (b.url && /^(https?:|tg:)/i.test(b.url)) {
          el = document.createElement('a');
          el.href = b.url; el.target = '_blank'; el.rel = 'noopener noreferrer';
        } else {
          el = document.createElement('button');
          el.type = 'button';
          if (b.callback_data !== undefined) {
            el.addEventListener('click', () => act('/press', { messageId: m.id, data: b.callback_data }));
          } else el.disabled = true;
        }
        el.className = 'inline-btn';
        el.textContent = b.text;
        r.append(el);
      }
      kb.append(r);
    }
    return kb;
  }

  function renderKeyboard(markup) {
    text.placeholder = (markup && markup.input_field_placeholder) || 'Message';
    keyboard.replaceChildren();
    keyboard.hidden = !markup || !markup.keyboard;
    if (keyboard.hidden) return;
    for (const row of markup.keyboard) {
      const r = document.createElement('div');
      r.className = 'kb-row';
      for (const raw of row) {
        const b = typeof raw === 'string' ? { text: raw } : raw;
        const el = document.createElement('button');
        el.type = 'button';
        el.className = 'reply-btn';
        el.textContent = (b.request_contact ? '☎ ' : b.request_location ? '◉ ' : '') + b.text;
        el.addEventListener('click', () => {
          if (b.request_contact) shareContact();
          else if (b.request_location) shareLocation();
          else act('/send', { text: b.text });
        });
        r.append(el);
      }
      keyboard.append(r);
    }
  }

  async function act(path, body) {
    if (!current) return;
    try { await call('/users/' + current + path, body); } catch (e) { toast('Error: ' + e.message); }
  }
  function shareContact() { act('/contact', {}); }
  function shareLocation() {
    const [lat, lon] = $('place').value.split(',').map(Number);
    act('/location', { latitude: lat, longitude: lon });
  }

  let toastTimer = null;
  function toast(message) {
    const t = $('toast');
    t.textContent = message;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 2500);
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    text.value = '';
    act('/send', { text: value });
  });
  $('share-contact').addEventListener('click', shareContact);
  $('share-location').addEventListener('click', shareLocation);
  $('user-select').addEventListener('change', (e) => selectUser(e.target.value));
  $('new-user-toggle').addEventListener('click', () => {
    const f = $('new-user');
    f.hidden = !f.hidden;
    if (!f.hidden) $('new-user-name').focus();
  });
  $('new-user').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const u = await call('/users', { firstName: $('new-user-name').value, languageCode: $('new-user-lang').value });
      $('new-user').hidden = true;
      $('new-user-name').value = '';
      await loadUsers(u.id);
      selectUser(String(u.id));
      text.focus();
    } catch (err) { toast('Error: ' + err.message); }
  });
  loadUsers().catch(() => toast('Cannot reach the simulator API'));
})();
