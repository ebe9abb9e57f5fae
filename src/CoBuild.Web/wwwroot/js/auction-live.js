// The three live screens of a project auction: moderator console, paddle phone, projector.
// The server holds the state; this file only draws it. On every (re)connect it joins and redraws from the
// returned state; then "paddle" (numbered per lot) and "lot" (one changed lot) pushes keep it current.
(() => {
  const root = document.getElementById("live");
  if (!root) return;
  const auctionId = Number(root.dataset.auction);
  const role = root.dataset.role;
  const myUnit = Number(root.dataset.unit || 0);
  const api = `/api/v1/auctions/${auctionId}`;
  let state = null;
  let offset = 0; // server clock minus this device's clock
  const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const $ = sel => root.querySelector(sel);
  const now = () => Date.now() + offset;
  const current = () => state?.lots.find(l => l.id === state.currentLotId) ?? null;
  const money = (v, unit) => v == null ? "" : `${Number(v).toLocaleString("zh-CN")} ${unit}`;

  const connection = new signalR.HubConnectionBuilder()
    // WebSockets without the negotiate round trip: behind a load balancer without sticky sessions the one
    // connection lands on one node and stays there.
    .withUrl("/hubs/auction", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(1000 * (c.previousRetryCount + 1), 5000) })
    .build();

  function setState(s) {
    state = s;
    early.clear();
    offset = new Date(s.serverNow).getTime() - Date.now();
    draw();
  }

  // Pushes that arrive while Join is in flight are kept and replayed on top of the snapshot it returns.
  let joining = null;
  async function join() {
    setLink("已连接", "ok");
    joining = [];
    try {
      const snapshot = await connection.invoke("Join", auctionId);
      const held = joining;
      joining = null;
      setState(snapshot);
      held.forEach(([kind, message]) => handlers[kind](message));
    } catch (e) { joining = null; throw e; }
  }

  const handlers = {
    state: setState,
    lot: change => {
      if (!state) return;
      offset = new Date(change.serverNow).getTime() - Date.now();
      Object.assign(state, { status: change.status, statusName: change.statusName, currentLotId: change.currentLotId });
      const lot = change.lot;
      const i = state.lots.findIndex(l => l.id === lot.id);
      let stale = false;
      if (i < 0) { state.lots.push(lot); state.lots.sort((a, b) => a.number - b.number); }
      else {
        if (lot.paddles == null) {
          // The paddle pushes built the list and its raise number; if one of them has not arrived yet, the list is behind.
          stale = state.lots[i].paddles != null && state.lots[i].raises < lot.raises;
          lot.paddles = state.lots[i].paddles;
          lot.raises = state.lots[i].raises;
        }
        state.lots[i] = lot;
      }
      if (stale || (lot.id === state.currentLotId && lot.paddles == null && lot.paddleCount > 0)) { join(); return; }
      draw();
    },
    // Two raises finishing together may be pushed in either order: hold a paddle that arrives early for a moment,
    // and only when the one before it never comes, join again for the whole state.
    paddle: p => {
      const lot = state?.lots.find(l => l.id === p.lotId);
      if (!lot || !lot.paddles || p.seq <= lot.raises) return;
      early.set(`${p.lotId}:${p.seq}`, p);
      let fresh = null;
      for (let next; (next = early.get(`${lot.id}:${lot.raises + 1}`));) {
        early.delete(`${lot.id}:${next.seq}`);
        apply(lot, next);
        fresh = next.unitId;
      }
      if (fresh !== null) draw(fresh);
      if (early.size && !gapTimer) gapTimer = setTimeout(() => { gapTimer = null; if (early.size) { early.clear(); join(); } }, 1500);
    },
  };
  const early = new Map();
  let gapTimer = null;
  for (const kind of Object.keys(handlers))
    connection.on(kind, message => joining ? joining.push([kind, message]) : handlers[kind](message));

  function apply(lot, p) {
    lot.raises = p.seq;
    const i = lot.paddles.findIndex(x => x.unitId === p.unitId);
    if (i >= 0) lot.paddles[i] = p; else { lot.paddles.push(p); lot.paddleCount++; }
    if (lot.mode === "Pledge") {
      lot.paddles.sort((a, b) => (b.pledge ?? 0) - (a.pledge ?? 0) || a.firstSeq - b.firstSeq);
      lot.bestPledge = Math.max(lot.bestPledge ?? 0, p.pledge ?? 0);
    }
  }
  connection.onreconnecting(() => setLink("网络中断，正在重连…", "bad"));
  connection.onreconnected(join);
  connection.onclose(() => { setLink("连接已断开，正在重试…", "bad"); setTimeout(start, 2000); });

  async function start() {
    try { await connection.start(); await join(); }
    catch { setLink("连接失败，正在重试…", "bad"); setTimeout(start, 2000); }
  }

  function setLink(text, cls) {
    const el = $(".live-link");
    if (el) { el.textContent = text; el.className = "live-link " + cls; }
  }

  async function post(path, body) {
    const r = await fetch(api + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}),
    });
    if (r.ok) { toast(""); return r.status === 204 ? null : r.json(); }
    let message = `操作失败（${r.status}）`;
    try {
      const p = await r.json();
      message = p.errors ? Object.values(p.errors).flat().join(" ") : (p.detail || p.title || message);
    } catch { }
    toast(message, true);
    return null;
  }

  let toastTimer;
  function toast(text, bad) {
    const el = $(".live-toast");
    if (!el) return;
    el.textContent = text;
    el.className = "live-toast" + (text ? " show" : "") + (bad ? " bad" : "");
    clearTimeout(toastTimer);
    if (text) toastTimer = setTimeout(() => toast(""), bad ? 6000 : 3000);
  }

  function countdown(lot) {
    if (!lot?.countdownEndsAt || lot.status !== "Open") return null;
    return Math.max(0, Math.ceil((new Date(lot.countdownEndsAt).getTime() - now()) / 1000));
  }

  function paddleList(lot, fresh) {
    if (!lot?.paddles?.length) return `<p class="live-empty">${lot?.status === "Open" ? "等待举牌…" : "无人举牌"}</p>`;
    return `<ol class="live-paddles">${lot.paddles.map(p => `<li data-key="${p.unitId}" class="${p.unitId === fresh ? "fresh" : ""}${p.unitId === myUnit ? " mine" : ""}">
      <b>${p.paddleNo}</b><span>${esc(p.unit)}</span>${p.pledge != null ? `<em>${money(p.pledge, lot.pledgeUnitName)}</em>` : ""}</li>`).join("")}</ol>`;
  }

  function awardsOf(lot) {
    return lot.awards.length ? lot.awards.map(a => esc(a.unit)).join("、") : (lot.status === "Passed" ? "流拍" : "—");
  }

  // An intent paddle states the will to co-build; only a pledge ceremony bids.
  const intent = lot => lot.mode !== "Pledge";
  const raisedLabel = lot => intent(lot) ? "表达共建意向" : "已举牌";

  function board() {
    return `<table class="live-board"><colgroup><col class="c-no"><col><col class="c-cap"><col class="c-st"><col class="c-won"></colgroup>
      <thead><tr><th>号</th><th>拍品</th><th>份数</th><th>状态</th><th>共建权</th></tr></thead><tbody>
      ${state.lots.map(l => `<tr data-lot="${l.id}" class="s-${l.status.toLowerCase()}${l.id === state.currentLotId ? " cur" : ""}"><td class="n">${l.number}</td>
        <td class="t" title="${esc(l.title)}">${esc(l.title)}</td><td class="n">${l.capacity}</td><td class="st"><span>${l.statusName}</span></td>
        <td class="w"><div>${awardsOf(l)}</div></td></tr>`).join("")}</tbody></table>`;
  }

  function lotHead(lot) {
    return `<div class="live-lot-no">第 ${lot.number} 号拍品 · ${lot.modeName} · 可共建 ${lot.capacity} 家 · ${lot.statusName}</div>
      <h1 class="live-lot-title">${esc(lot.title)}</h1>`;
  }

  // The projector never scrolls: a list taller than its box is cut into pages that turn every few seconds.
  // Pages are measured from the drawn rows, so a grid row or a two-line board row moves as one.
  const pagers = {};
  function paginate(name, box, items, focus) {
    const p = pagers[name] ??= { page: 0, focus: null };
    items.forEach(i => { i.hidden = false; });
    const label = box.parentElement.querySelector(`.live-page[data-for="${name}"]`);
    if (!items.length || box.scrollHeight <= box.clientHeight + 1) { p.starts = [0]; p.page = 0; if (label) label.textContent = ""; return; }
    const top = box.getBoundingClientRect().top;
    const room = box.clientHeight - (items[0].getBoundingClientRect().top - top);
    p.starts = [0];
    let pageTop = items[0].getBoundingClientRect().top;
    items.forEach((item, i) => {
      const r = item.getBoundingClientRect();
      if (i > 0 && r.top > pageTop + 0.5 && r.bottom - pageTop > room) { p.starts.push(i); pageTop = r.top; }
    });
    if (focus != null && focus !== p.focus) {
      // A new current lot or a fresh paddle: turn to the page that holds it.
      const at = items.findIndex(i => i.dataset.key === String(focus));
      if (at >= 0) p.page = p.starts.filter(s => s <= at).length - 1;
    }
    p.focus = focus;
    p.page = Math.min(p.page, p.starts.length - 1);
    show(name, box, items, label);
  }
  function show(name, box, items, label) {
    const p = pagers[name];
    const from = p.starts[p.page], to = p.starts[p.page + 1] ?? items.length;
    items.forEach((item, i) => { item.hidden = i < from || i >= to; });
    if (label) label.textContent = `第 ${p.page + 1} / ${p.starts.length} 页 · 共 ${items.length} ${name === "board" ? "件" : "家"}`;
  }
  function pageScreen(fresh) {
    const board = $(".live-side .live-pager");
    if (board) paginate("board", board, [...board.querySelectorAll("tbody tr")].map(tr => { tr.dataset.key = tr.dataset.lot; return tr; }), state.currentLotId);
    const list = $(".live-stage .live-pager");
    if (list) paginate("paddles", list, [...list.querySelectorAll(".live-paddles li")], fresh ?? pagers.paddles?.focus ?? null);
  }
  if (role === "screen") {
    setInterval(() => {
      for (const [name, sel] of [["board", ".live-side .live-pager"], ["paddles", ".live-stage .live-pager"]]) {
        const p = pagers[name], box = $(sel);
        if (!p || !box || p.starts.length < 2) continue;
        p.page = (p.page + 1) % p.starts.length;
        const items = [...box.querySelectorAll(name === "board" ? "tbody tr" : ".live-paddles li")];
        show(name, box, items, box.parentElement.querySelector(`.live-page[data-for="${name}"]`));
      }
    }, 6000);
    addEventListener("resize", () => draw());
  }

  const draws = {
    screen(fresh) {
      const lot = current();
      const paddlePages = pagers.paddles ??= { page: 0, focus: null, lot: null };
      if (lot?.id !== paddlePages.lot) Object.assign(paddlePages, { page: 0, focus: null, lot: lot?.id });
      $(".live-body").innerHTML = `<section class="live-stage">${lot ? `${lotHead(lot)}
          <div class="live-meta"><span>${raisedLabel(lot)} <b>${lot.paddleCount}</b> 家</span>${lot.mode === "Pledge" ? `<span>最高承诺 <b>${money(lot.bestPledge, lot.pledgeUnitName)}</b></span>` : ""}
          <span class="live-clock"></span></div>
          ${lot.status === "Hammered" ? `<div class="live-hammer">落槌！共建权已获得：${awardsOf(lot)}</div>` : ""}
          <div class="live-pager">${paddleList(lot, fresh)}</div><div class="live-page" data-for="paddles"></div>`
          : `<h1 class="live-lot-title">${esc(state.title)}</h1><p class="live-empty">${intent(state) ? "举牌表达共建意向，" : ""}拍卖即将开始</p>`}</section>
        <aside class="live-side"><h2>共建权结果</h2><div class="live-pager">${board()}</div><div class="live-page" data-for="board"></div></aside>`;
      pageScreen(fresh);
    },
    paddle() {
      const typed = [$("#pledge-value")?.value, $("#pledge-note")?.value]; // a redraw must not eat what the user is typing
      const lot = current();
      const mine = lot?.paddles?.find(p => p.unitId === myUnit);
      const won = state.lots.filter(l => l.awards.some(a => a.unitId === myUnit));
      const open = lot?.status === "Open" && countdown(lot) !== 0;
      let status = "";
      if (lot?.status === "Hammered") status = lot.awards.some(a => a.unitId === myUnit) ? `<p class="live-won">共建权已获得</p><p>协议草稿已生成，请在<a href="/m/inbox">我的消息</a>中查看。</p>` : `<p>本件已落槌，共建权已由 ${awardsOf(lot)} 获得。</p>`;
      else if (mine) status = `<p class="live-mine">${intent(lot) ? "已举牌表达共建意向" : "已举牌"}（第 ${mine.firstSeq} 个${mine.pledge != null ? `，承诺 ${money(mine.pledge, lot.pledgeUnitName)}` : ""}）</p>`;
      $(".live-body").innerHTML = lot ? `${lotHead(lot)}<p class="live-desc">${esc(lot.description)}</p>
        <div class="live-meta"><span>${raisedLabel(lot)} <b>${lot.paddleCount}</b> 家</span><span class="live-clock"></span></div>
        ${status}
        ${lot.mode === "Pledge" && open ? `<label class="live-pledge">承诺（${lot.pledgeUnitName}，至少 ${(Number(lot.bestPledge ?? 0) + Number(lot.increment)).toFixed(2).replace(/\.?0+$/, "")}）
          <input type="number" inputmode="decimal" min="0" step="0.01" id="pledge-value" /><input type="text" id="pledge-note" placeholder="说明，如：资金、志愿服务" maxlength="200" /></label>` : ""}
        ${lot.status === "Open" ? `<button class="live-raise" ${open && (!mine || lot.mode === "Pledge") ? "" : "disabled"}>${mine && lot.mode !== "Pledge" ? "已举牌" : "举牌"}</button>
          <p class="live-hint">${intent(lot) ? "举牌即表达共建意向，不竞价；落槌后获得共建权。" : "举牌须附承诺，不少于当前最高承诺加幅度。"}</p>` : ""}`
        : `<h1 class="live-lot-title">${esc(state.title)}</h1><p class="live-empty">拍卖尚未开始，请稍候</p>`;
      $(".live-body").insertAdjacentHTML("beforeend", won.length ? `<div class="live-mywins"><h2>本单位获得的共建权</h2><ul>${won.map(l => `<li>第 ${l.number} 号 ${esc(l.title)} <span class="muted">协议草稿 #${l.awards.find(a => a.unitId === myUnit).contractId}</span></li>`).join("")}</ul></div>` : "");
      if ($("#pledge-value")) { $("#pledge-value").value = typed[0] ?? ""; $("#pledge-note").value = typed[1] ?? ""; }
      $(".live-raise")?.addEventListener("click", async e => {
        e.target.disabled = true;
        const body = lot.mode === "Pledge" ? { pledge: { value: Number($("#pledge-value").value), note: $("#pledge-note").value || null } } : {};
        const p = await post(`/lots/${lot.id}/paddles`, body);
        if (p) toast(intent(lot) ? `已表达共建意向（第 ${p.firstSeq} 个）` : `举牌成功（第 ${p.firstSeq} 个）`);
        else e.target.disabled = false;
      });
    },
    console(fresh) {
      const ticked = new Set([...root.querySelectorAll(".pick:checked")].map(x => x.value));
      const reasonTyped = $("#pick-reason")?.value;
      const lot = current();
      const next = state.lots.find(l => l.status === "Pending");
      const lastClosed = [...state.lots].filter(l => l.closedAt).sort((a, b) => new Date(b.closedAt) - new Date(a.closedAt))[0];
      const anyOpen = state.lots.some(l => l.status === "Open");
      const pick = lot?.status === "Open" && lot.mode === "Intent" && lot.tieRule === "ModeratorPick" && lot.paddleCount > lot.capacity;
      $(".live-body").innerHTML = `<section class="con-main">${lot ? `${lotHead(lot)}
          <div class="live-meta"><span>${raisedLabel(lot)} <b>${lot.paddleCount}</b> 家</span><span>${intent(lot) ? `名额规则：${lot.tieRuleName}` : `加价幅度：${money(lot.increment, lot.pledgeUnitName)}`}</span><span class="live-clock"></span></div>
          <div class="con-actions">${lot.status === "Open" ? `
            <button data-act="countdown" data-s="30">倒计时 30 秒</button><button data-act="countdown" data-s="60">倒计时 60 秒</button>
            <button data-act="stop">停止计时</button>
            <button class="primary" data-act="hammer">落槌</button><button data-act="pass">流拍</button>` : ""}
            ${!anyOpen && next ? `<button class="primary" data-act="open" data-lot="${next.id}">下一件：第 ${next.number} 号</button>` : ""}
            ${!anyOpen && lastClosed ? `<button class="danger" data-act="undo" data-lot="${lastClosed.id}">撤销上一槌（第 ${lastClosed.number} 号）</button>` : ""}
          </div>
          ${pick ? `<div class="con-pick">举牌单位多于名额，请勾选 ${lot.capacity} 家并写明理由：<input id="pick-reason" placeholder="选定理由" maxlength="100" /></div>` : ""}
          ${lot.awards.length ? `<div class="live-hammer">共建权已获得：${lot.awards.map(a => `${esc(a.unit)}（协议草稿 #${a.contractId}，${esc(a.reason)}）`).join("；")}</div>` : ""}
          ${pick ? `<ol class="live-paddles">${lot.paddles.map(p => `<li><label><input type="checkbox" class="pick" value="${p.unitId}" /> <b>${p.paddleNo}</b> ${esc(p.unit)}</label></li>`).join("")}</ol>` : paddleList(lot, fresh)}`
        : `<h1 class="live-lot-title">${esc(state.title)}</h1>${next ? `<button class="primary" data-act="open" data-lot="${next.id}">开拍第 ${next.number} 号</button>` : "<p>请先在拍卖会页面添加拍品。</p>"}`}
        </section><aside class="con-side"><h2>拍品（${state.lots.length}）</h2>${board()}</aside>`;
      root.querySelectorAll(".pick").forEach(x => { x.checked = ticked.has(x.value); });
      if ($("#pick-reason") && reasonTyped) $("#pick-reason").value = reasonTyped;
      root.querySelectorAll("[data-act]").forEach(b => b.addEventListener("click", () => act(b.dataset, lot)));
    },
  };

  async function act(d, lot) {
    const lotId = d.lot ?? lot?.id;
    if (d.act === "open") await post(`/lots/${lotId}/open`);
    else if (d.act === "countdown") await post(`/lots/${lotId}/countdown`, { seconds: Number(d.s) });
    else if (d.act === "stop") await post(`/lots/${lotId}/countdown/stop`);
    else if (d.act === "pass") { if (confirm("确定本件流拍？")) await post(`/lots/${lotId}/pass`, { reason: "无人举牌或主持人决定" }); }
    else if (d.act === "hammer") {
      const picks = [...root.querySelectorAll(".pick:checked")].map(x => Number(x.value));
      const reason = $("#pick-reason")?.value || null;
      await post(`/lots/${lotId}/hammer`, picks.length ? { picks, reason } : {});
    } else if (d.act === "undo") {
      const reason = prompt("撤销落槌的理由（将记入操作记录）：");
      if (reason) await post(`/lots/${lotId}/undo`, { reason });
    }
  }

  function draw(fresh) {
    if (!state) return;
    $(".live-title").textContent = `${state.street} · ${state.title}`;
    draws[role](fresh);
    tick();
  }

  // The clock follows the server's: countdownEndsAt is the server's instant, offset maps it to this device.
  function tick() {
    const lot = current();
    const left = countdown(lot);
    root.querySelectorAll(".live-clock").forEach(el => {
      el.textContent = left == null ? "" : left > 0 ? `倒计时 ${left} 秒` : "倒计时结束";
      el.className = "live-clock" + (left != null && left <= 5 ? " urgent" : "");
    });
    if (role === "paddle" && left === 0) { const b = $(".live-raise"); if (b) b.disabled = true; }
  }
  setInterval(tick, 250);
  start();
})();
