/* kg graph page: draws the embedded graph with vis-network, offline.
 * Every piece of data goes into the page as text (textContent, createTextNode, canvas labels);
 * nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  window.kgTimings = timings;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var meta = data.meta;
  var VEIL = "rgba(255,255,255,0.8)";
  var SVG = "http://www.w3.org/2000/svg";

  /* ---------- small DOM helpers (text only) ---------- */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function norm(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2019\u2018`]/g, "'").toLowerCase();
  }

  /* ---------- nodes and edges ---------- */
  var records = data.nodes;
  var byId = new Map();
  var outEdges = [], inEdges = [];
  records.forEach(function (n, i) { byId.set(n.id, i); outEdges.push([]); inEdges.push([]); });
  data.edges.forEach(function (e, k) { outEdges[e[0]].push(k); inEdges[e[1]].push(k); });

  /* Disputed claim groups (sources contradict each other): their claims wear a halo. */
  var groups = data.groups || [];
  var disputedStyle = data.disputed;
  var groupById = new Map();
  var groupsOf = records.map(function () { return []; });
  groups.forEach(function (g) {
    groupById.set(g.id, g);
    g.claims.forEach(function (i) { groupsOf[i].push(g); });
  });
  var disputedIdx = [];
  groupsOf.forEach(function (list, i) { if (list.length) disputedIdx.push(i); });

  function typeStyle(n) {
    var t = data.types[n.type] || data.types.thing;
    if (n.type === "claim") {
      var s = data.statuses[n.status] || data.unknown_status;
      return { shape: t.shape, color: s.color, font: s.font_color };
    }
    return { shape: t.shape, color: t.color, font: t.font_color };
  }
  function nodeSize(n, i) {  // people grow with what they said, organisations with their links
    if (n.type === "person") return 16 + Math.min(14, 2 * Math.sqrt(outEdges[i].length));
    if (n.type === "organization") {
      return 14 + Math.min(10, Math.sqrt(outEdges[i].length + inEdges[i].length));
    }
    return 12;
  }
  function isInside(shape) { return shape === "box" || shape === "ellipse" || shape === "database"; }
  function look(n, i, halo) {  // border, colours and halo: what the disputed toggle changes
    var s = typeStyle(n);
    var inside = isInside(s.shape);
    var marked = halo && groupsOf[i].length > 0;
    var border = marked ? disputedStyle.border : inside ? "#546e7a" : s.color;
    return {
      id: n.id,
      color: { background: s.color, border: border,
        highlight: { background: s.color, border: marked ? disputedStyle.border : "#000000" },
        hover: { background: s.color, border: marked ? disputedStyle.border : "#263238" } },
      borderWidth: marked ? 3 : inside ? 1 : 1.5,
      borderWidthSelected: marked ? 4 : 2,
      shadow: { enabled: marked, color: disputedStyle.halo, size: 18, x: 0, y: 0 }
    };
  }
  var visNodeList = records.map(function (n, i) {
    var s = typeStyle(n);
    var inside = isInside(s.shape);
    return Object.assign(look(n, i, true), {
      label: n.label, x: n.x, y: n.y, shape: s.shape, size: nodeSize(n, i),
      font: inside ? { color: s.font, size: n.type === "claim" ? 12 : 13 }
                   : { color: "#1a1a1a", size: 14, strokeWidth: 3, strokeColor: "#ffffff" },
      widthConstraint: inside ? { maximum: 150 } : undefined,
      margin: inside ? 6 : undefined
    });
  });
  var visNodes = new vis.DataSet(visNodeList);
  var visEdgeList = data.edges.map(function (e, k) {
    var r = data.relations[e[2]] || {};
    return {
      id: k, from: records[e[0]].id, to: records[e[1]].id,
      color: { color: r.color, highlight: r.color, hover: r.color, inherit: false },
      width: r.width, dashes: !!r.dashes,
      label: r.show_label ? r.label : undefined,
      font: r.show_label ? { size: 11, color: r.color, strokeWidth: 3, strokeColor: "#fff",
                             align: "middle" } : undefined,
      arrows: { to: { enabled: !meta.big, scaleFactor: 0.5 } }
    };
  });
  var visEdges = new vis.DataSet(visEdgeList);

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: meta.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 70,
                          springConstant: 0.08, avoidOverlap: 1, damping: 0.5 },
      stabilization: { enabled: true, iterations: 250, fit: true, updateInterval: 50 }
    } : { enabled: false },
    edges: { smooth: meta.big ? false : { type: "continuous", roundness: 0.2 },
             selectionWidth: 1.5, hoverWidth: 0.5 },
    nodes: { scaling: { label: { drawThreshold: 4 } } },
    interaction: { hover: true, hideEdgesOnDrag: meta.big,
                   hideEdgesOnZoom: meta.big, navigationButtons: false, keyboard: false }
  };
  timings.datasets = performance.now();
  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, {}, options);
  network.once("afterDrawing", function () {
    timings.firstDraw = window.kgFirstDrawMs = performance.now();
    document.body.setAttribute("data-first-draw", "1");
  });
  function settled() { document.body.setAttribute("data-stable", "1"); }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    if (meta.focus) focusNode(meta.focus, false);
    settled();
  });
  network.setData({ nodes: visNodes, edges: visEdges });
  timings.network = performance.now();

  /* ---------- filters (legend rows with check boxes) ---------- */
  var typeOn = {}, statusOn = {};
  var hidden = new Uint8Array(records.length);
  var edgeHidden = new Uint8Array(data.edges.length);
  var typeCount = {}, statusCount = {}, relationCount = {};
  records.forEach(function (n) {
    typeCount[n.type] = (typeCount[n.type] || 0) + 1;
    if (n.type === "claim") statusCount[n.status] = (statusCount[n.status] || 0) + 1;
  });
  data.edges.forEach(function (e) { relationCount[e[2]] = (relationCount[e[2]] || 0) + 1; });

  function swatch(shape, color, dashes) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "22"); svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    var shapeEl;
    function make(tag, attrs) {
      var s = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      return s;
    }
    var stroke = { fill: color, stroke: "#455a64", "stroke-width": "1" };
    if (shape === "halo") {  // a claim box with the disputed group's border
      shapeEl = make("rect", { x: "2", y: "3", width: "18", height: "10", rx: "3",
        fill: "#cfd8dc", stroke: color, "stroke-width": "2.5" });
    } else if (shape === "line") {
      shapeEl = make("line", { x1: "1", y1: "8", x2: "21", y2: "8", stroke: color,
        "stroke-width": "3", "stroke-dasharray": dashes ? "4 3" : "" });
    } else if (shape === "dot") {
      shapeEl = make("circle", Object.assign({ cx: "11", cy: "8", r: "6" }, stroke));
    } else if (shape === "square") {
      shapeEl = make("rect", Object.assign({ x: "5", y: "2", width: "12", height: "12" }, stroke));
    } else if (shape === "box" || shape === "database") {
      shapeEl = make("rect", Object.assign({ x: "1", y: "3", width: "20", height: "10",
                                             rx: "3" }, stroke));
    } else if (shape === "ellipse") {
      shapeEl = make("ellipse", Object.assign({ cx: "11", cy: "8", rx: "10", ry: "5" }, stroke));
    } else {
      var points = {
        triangle: "11,1 20,15 2,15", triangleDown: "2,1 20,1 11,15",
        diamond: "11,1 19,8 11,15 3,8", hexagon: "6,2 16,2 20,8 16,14 6,14 2,8",
        star: "11,1 13,6 19,6 14,10 16,15 11,12 6,15 8,10 3,6 9,6"
      }[shape] || "11,1 20,15 2,15";
      shapeEl = make("polygon", Object.assign({ points: points }, stroke));
    }
    svg.appendChild(shapeEl);
    return svg;
  }

  function legendRow(list, key, label, shape, color, count, onChange) {
    var li = el("li");
    var lab = el("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = key;
    box.addEventListener("change", function () { onChange(key, box.checked); });
    lab.appendChild(box);
    lab.appendChild(swatch(shape, color));
    lab.appendChild(el("span", label));
    li.appendChild(lab);
    li.appendChild(el("span", count, "kg-n"));
    list.appendChild(li);
  }
  var typeList = document.getElementById("kg-filter-types");
  Object.keys(data.types).forEach(function (t) {
    typeOn[t] = true;
    if (!typeCount[t]) return;
    var s = data.types[t];
    legendRow(typeList, t, s.label, s.shape, s.color, typeCount[t], function (k, on) {
      typeOn[k] = on; applyFilters();
    });
  });
  var statusList = document.getElementById("kg-filter-statuses");
  Object.keys(data.statuses).forEach(function (st) {
    statusOn[st] = true;
    var s = data.statuses[st];
    legendRow(statusList, st, s.label, "box", s.color, statusCount[st] || 0, function (k, on) {
      statusOn[k] = on; applyFilters();
    });
  });
  function showHalos(on) {
    visNodes.update(disputedIdx.map(function (i) { return look(records[i], i, on); }));
  }
  function groupButtons() { return document.querySelectorAll("#kg-disputed-groups button"); }
  if (groups.length) {
    document.getElementById("kg-disputed").hidden = false;
    legendRow(document.getElementById("kg-legend-disputed"), "disputed", disputedStyle.label,
              "halo", disputedStyle.border, disputedIdx.length, function (k, on) {
                showHalos(on);
              });
    var groupList = document.getElementById("kg-disputed-groups");
    groups.forEach(function (g) {
      var li = el("li");
      var b = el("button", g.label);
      b.type = "button";
      b.setAttribute("data-group", g.id);
      b.setAttribute("aria-pressed", "false");
      b.title = g.claims.length + " claims: choose to select them";
      b.addEventListener("click", function () { selectGroup(g.id, true); });
      li.appendChild(b);
      li.appendChild(el("span", g.claims.length, "kg-n"));
      groupList.appendChild(li);
    });
  }
  var edgeList = document.getElementById("kg-legend-edges");
  Object.keys(data.relations).forEach(function (r) {
    if (!relationCount[r]) return;
    var s = data.relations[r];
    var li = el("li");
    li.appendChild(swatch("line", s.color, s.dashes));
    li.appendChild(el("span", s.label));
    li.appendChild(el("span", relationCount[r], "kg-n"));
    edgeList.appendChild(li);
  });

  function isHiddenNow(i) {
    var n = records[i];
    if (typeOn[n.type] === false) return true;
    if (n.type === "claim") return statusOn[n.status] === false;
    if (n.type === "figure") {
      var claims = inEdges[i].map(function (k) { return data.edges[k][0]; })
        .filter(function (j) { return records[j].type === "claim"; });
      if (claims.length && claims.every(function (j) { return claimHidden(j); })) return true;
    }
    return false;
  }
  function claimHidden(j) {
    var n = records[j];
    return typeOn.claim === false || statusOn[n.status] === false;
  }
  function applyFilters() {
    var changed = [];
    for (var i = 0; i < records.length; i++) {
      var h = isHiddenNow(i) ? 1 : 0;
      if (h !== hidden[i]) { hidden[i] = h; changed.push({ id: records[i].id, hidden: !!h }); }
    }
    if (changed.length) visNodes.update(changed);
    var changedEdges = [];
    data.edges.forEach(function (e, k) {
      var h = !!(hidden[e[0]] || hidden[e[1]]);
      if (h !== !!edgeHidden[k]) {
        edgeHidden[k] = h ? 1 : 0;
        changedEdges.push({ id: k, hidden: h });
      }
    });
    if (changedEdges.length) visEdges.update(changedEdges);
    if (selected !== null && hidden[byId.get(selected)]) clearSelection();
    showCount();
  }

  function visibleCount() {
    var c = 0;
    for (var i = 0; i < hidden.length; i++) if (!hidden[i]) c++;
    return c;
  }
  var countEl = document.getElementById("kg-count");
  countEl.setAttribute("data-nodes", String(meta.nodes));
  countEl.setAttribute("data-edges", String(meta.edges));
  function showCount() {
    var shown = visibleCount();
    countEl.setAttribute("data-visible", String(shown));
    countEl.textContent = (shown === records.length ? "" : shown + " shown of ") +
      meta.nodes + " nodes · " + meta.edges + " links";
  }
  showCount();

  /* ---------- neighbourhood highlighting ----------
   * Drawn over the finished frame: a veil over everything, then the chosen node, its links
   * and its neighbours drawn again on top. Costs the size of the neighbourhood, not of the
   * graph, so it stays instant on 20 000 nodes. */
  var focusIds = null, focusEdgeIds = null;
  function neighbours(i) {
    var set = new Set([i]);
    outEdges[i].forEach(function (k) { set.add(data.edges[k][1]); });
    inEdges[i].forEach(function (k) { set.add(data.edges[k][0]); });
    return set;
  }
  function highlight(id) {
    var i = byId.get(id);
    focusIds = Array.from(neighbours(i)).map(function (j) { return records[j].id; });
    focusEdgeIds = outEdges[i].concat(inEdges[i]);
    requestRedraw();
  }
  function requestRedraw() {  // one redraw at the next frame, however many changes came before
    if (network.body && network.body.emitter) network.body.emitter.emit("_requestRedraw");
    else network.redraw();
  }
  function unhighlight() {
    if (focusIds === null) return;
    focusIds = null; focusEdgeIds = null;
    requestRedraw();
  }
  network.on("afterDrawing", function (ctx) {
    var body = network.body;
    if (focusIds === null || !body) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var edges = focusEdgeIds.map(function (k) { return body.edges[k]; }).filter(function (e) {
      return e && e.connected && !e.options.hidden;
    });
    edges.forEach(function (e) { e.draw(ctx); });
    edges.forEach(function (e) { e.drawArrows(ctx); });
    var labels = [];
    focusIds.forEach(function (id) {
      var n = body.nodes[id];
      if (!n || n.options.hidden) return;
      var later = n.draw(ctx);
      if (later && later.drawExternalLabel) labels.push(later.drawExternalLabel);
    });
    labels.forEach(function (draw) { draw(); });
  });

  /* ---------- the panel ---------- */
  var panel = document.getElementById("kg-panel");
  var selected = null;

  function statusBadge(status) {
    var s = data.statuses[status] || data.unknown_status;
    var b = el("span", status || "no status", "kg-status");
    b.style.background = s.color;
    b.style.color = s.font_color;
    return b;
  }
  function typeLabel(n) {
    var t = data.types[n.type];
    return t ? t.name : n.type;
  }
  function link(id, text) {
    var b = el("button", text, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id, true); });
    return b;
  }
  function field(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function neighbourItem(j) {
    var n = records[j];
    var li = el("li");
    if (n.type === "claim") {
      li.appendChild(statusBadge(n.status));
      li.appendChild(link(n.id, n.claim_id || "claim"));
      li.appendChild(el("span", n.text, "kg-claim-text"));
    } else {
      li.appendChild(link(n.id, n.label));
      li.appendChild(el("span", " (" + typeLabel(n) + ")", "kg-type"));
    }
    return li;
  }
  function relationSections(i) {
    var box = document.createDocumentFragment();
    var groups = [];
    Object.keys(data.relations).forEach(function (r) {
      ["out", "in"].forEach(function (dir) {
        var list = (dir === "out" ? outEdges[i] : inEdges[i]).filter(function (k) {
          return data.edges[k][2] === r;
        });
        if (list.length) groups.push({ r: r, dir: dir, edges: list });
      });
    });
    groups.forEach(function (g) {
      var title = data.relations[g.r][g.dir] + " (" + g.edges.length + ")";
      box.appendChild(el("h3", title));
      var ul = el("ul");
      g.edges.forEach(function (k) {
        var e = data.edges[k];
        var other = g.dir === "out" ? e[1] : e[0];
        var li = neighbourItem(other);
        if (e[3] && e[3].role) li.appendChild(el("span", " — " + e[3].role, "kg-type"));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    return box;
  }
  function groupLinks(list) {
    var box = el("span");
    list.forEach(function (g, k) {
      if (k) box.appendChild(document.createTextNode("; "));
      var b = el("button", g.label, "kg-link kg-group-link");
      b.type = "button";
      b.addEventListener("click", function () { selectGroup(g.id, true); });
      box.appendChild(b);
    });
    return box;
  }
  function showGroupPanel(g) {
    clear(panel);
    panel.removeAttribute("data-node");
    panel.setAttribute("data-group", g.id);
    panel.appendChild(el("h2", g.label));
    panel.appendChild(el("p", "Disputed claim group", "kg-type"));
    panel.appendChild(el("p", "Sources contradict each other on this. Its " + g.claims.length +
      " claims are selected in the graph; the red links show who disputes whom.", "kg-hint"));
    panel.appendChild(el("h3", "Claims (" + g.claims.length + ")"));
    var ul = el("ul");
    g.claims.forEach(function (j) {
      var n = records[j];
      var li = neighbourItem(j);
      var who = [n.speakers, n.source_title || n.source].filter(Boolean).join(" · ");
      if (who) li.appendChild(el("span", who, "kg-type"));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    panel.appendChild(el("p", g.id, "kg-iri"));
  }
  function position(n) {
    if (n.start === undefined || n.end === undefined) return "";
    return "characters " + n.start + "–" + n.end;
  }
  function showPanel(id) {
    var i = byId.get(id);
    if (i === undefined) return;
    var n = records[i];
    clear(panel);
    panel.removeAttribute("data-group");
    panel.setAttribute("data-node", n.id);
    var head = el("h2", n.type === "claim" ? "Claim " + (n.claim_id || "") : n.label);
    panel.appendChild(head);
    panel.appendChild(el("p", typeLabel(n), "kg-type"));
    var dl = el("dl");
    if (n.type === "claim") {
      var st = el("span");
      st.appendChild(statusBadge(n.status));
      panel.appendChild(el("h3", "Quote"));
      panel.appendChild(el("blockquote", n.text));
      field(dl, "Status", st);
      field(dl, "Why", n.status_reason);
      if (groupsOf[i].length) {
        field(dl, groupsOf[i].length > 1 ? "Disputed groups" : "Disputed group",
              groupLinks(groupsOf[i]));
      }
      field(dl, "Said by", n.speakers);
      field(dl, "Reported by", n.reported_by);
      var src = el("span");
      if (n.source && byId.has(n.source)) {
        src.appendChild(link(n.source, n.source_title || n.source));
      } else {
        src.textContent = n.source_title || n.source || "";
      }
      field(dl, "Source", src);
      field(dl, "Position", position(n));
      field(dl, "Figures", n.figures_text);
      field(dl, "Kind", [n.claim_kind, n.category].filter(Boolean).join(" · ") +
        (n.checkable === true ? " (checkable)" : n.checkable === false ? " (not checkable)" : ""));
      field(dl, "Summary", n.summary);
      field(dl, "Reviews", n.reviews);
    } else if (n.type === "figure") {
      field(dl, "Figure", n.value_text);
      field(dl, "Quantity", n.quantity);
      field(dl, "Qualifier", n.qualifier);
      field(dl, "About", n.about_name);
      field(dl, "Words", n.text);
      field(dl, "Position", position(n));
    } else if (n.type === "article") {
      field(dl, "Title", n.title);
      field(dl, "Date", n.date);
      field(dl, "Language", n.language);
      field(dl, "Publisher", n.publisher);
      field(dl, "URL", n.url);
    } else {
      field(dl, "Also called", n.aliases);
      field(dl, "Roles", n.roles);
      field(dl, "Description", n.description);
      field(dl, "Wikidata", n.wikidata);
    }
    panel.appendChild(dl);
    panel.appendChild(relationSections(i));
    panel.appendChild(el("p", n.id, "kg-iri"));
  }
  function restPanel() {
    clear(panel);
    panel.removeAttribute("data-node");
    panel.removeAttribute("data-group");
    panel.appendChild(el("p", records.length === 0
      ? "Nothing to show: no claim, person or organisation matches what this page was made for."
      : "Click a node (or hover over it) to read it here: the claim's exact words, who said " +
        "it, where, its figures and its status with the reason.", "kg-hint"));
  }

  function reveal(indices) {  // bring back what the filters hid, for these nodes
    var again = indices.filter(function (i) { return hidden[i]; });
    if (!again.length) return;
    again.forEach(function (i) {
      var n = records[i];
      typeOn[n.type] = true;
      if (n.type === "claim") statusOn[n.status] = true;
    });
    document.querySelectorAll("#kg-filter-types input").forEach(function (box) {
      box.checked = typeOn[box.value] !== false;
    });
    document.querySelectorAll("#kg-filter-statuses input").forEach(function (box) {
      box.checked = statusOn[box.value] !== false;
    });
    applyFilters();
  }
  var selectedGroup = null;
  function markGroup(iri) {
    selectedGroup = iri;
    groupButtons().forEach(function (b) {
      b.setAttribute("aria-pressed", String(iri !== null && b.getAttribute("data-group") === iri));
    });
  }
  function selectGroup(iri, animate) {
    var g = groupById.get(iri);
    if (!g) return false;
    reveal(g.claims);
    var ids = g.claims.map(function (j) { return records[j].id; });
    var near = new Set(), links = new Set();
    g.claims.forEach(function (j) {
      neighbours(j).forEach(function (k) { near.add(k); });
      outEdges[j].concat(inEdges[j]).forEach(function (k) { links.add(k); });
    });
    selected = null;
    markGroup(iri);
    network.selectNodes(ids, false);
    focusIds = Array.from(near).map(function (j) { return records[j].id; });
    focusEdgeIds = Array.from(links);
    requestRedraw();
    showGroupPanel(g);
    var glide = animate && !meta.big ? { duration: 400, easingFunction: "easeInOutQuad" } : false;
    network.fit({ nodes: ids, maxZoomLevel: 1.5, animation: glide });
    return true;
  }

  function focusNode(id, animate) {
    var i = byId.get(id);
    if (i === undefined) return false;
    reveal([i]);
    markGroup(null);
    selected = id;
    network.selectNodes([id]);
    highlight(id);
    showPanel(id);
    var glide = animate && !meta.big ? { duration: 400, easingFunction: "easeInOutQuad" } : false;
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: glide });
    return true;
  }
  function clearSelection() {
    selected = null;
    markGroup(null);
    network.unselectAll();
    unhighlight();
    restPanel();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      markGroup(null);
      selected = params.nodes[0];
      highlight(selected);
      showPanel(selected);
    } else if (!params.edges.length) {
      clearSelection();
    }
  });
  network.on("hoverNode", function (params) {
    if (selected === null && selectedGroup === null) showPanel(params.node);
  });
  network.on("blurNode", function () {
    if (selected === null && selectedGroup === null) restPanel();
  });
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });

  /* ---------- search ---------- */
  var searchText = records.map(function (n) {
    var words = [n.label, n.name, n.aliases, n.claim_id, n.text, n.title];
    return norm(words.filter(Boolean).join(" \u0001 "));
  });
  var searchable = { person: 0, organization: 0, group: 1, claim: 2, product: 3, place: 3,
    event: 3, thing: 3, article: 4, figure: 5 };
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  function search(query) {
    var q = norm(query).trim();
    if (!q) return [];
    var found = [];
    for (var i = 0; i < records.length; i++) {
      if (hidden[i]) continue;
      var pos = searchText[i].indexOf(q);
      if (pos < 0) continue;
      var n = records[i];
      var exact = norm(n.label) === q || norm(n.name) === q || norm(n.claim_id) === q;
      var rank = (exact ? 0 : pos === 0 ? 1 : 2) * 10 + (searchable[n.type] || 3);
      found.push([rank, i]);
      if (found.length > 5000) break;
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.slice(0, 30).map(function (f) { return records[f[1]].id; });
  }
  function showResults(ids) {
    clear(results);
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!ids.length) {
      results.appendChild(el("li", "Nothing found", "kg-hint"));
    }
    ids.forEach(function (id, k) {
      var n = records[byId.get(id)];
      var li = el("li");
      li.setAttribute("role", "option");
      if (k === 0) li.className = "kg-active";
      var b = el("button");
      b.type = "button";
      b.appendChild(document.createTextNode(n.label));
      var kind = n.type === "claim" ? (n.status || "") + " claim" : typeLabel(n);
      b.appendChild(el("span", kind, "kg-kind"));
      b.addEventListener("click", function () { choose(id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function choose(id) {
    results.hidden = true;
    focusNode(id, true);
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { showResults(search(input.value)); },
                       records.length > 3000 ? 150 : 0);
  });
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var ids = search(input.value);
    if (ids.length) choose(ids[0]); else showResults(ids);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; }
  });

  restPanel();
  if (!meta.physics || records.length === 0) {
    if (meta.focus) focusNode(meta.focus, false);
    settled();
  }

  /* For scripts and tests: the network and a few actions. */
  window.kgView = {
    network: network, nodes: visNodes, edges: visEdges, data: data,
    focusNode: focusNode, search: search, clearSelection: clearSelection,
    selectGroup: selectGroup, showHalos: showHalos,
    selectedGroup: function () { return selectedGroup; },
    disputedNodeIds: function () {
      return disputedIdx.map(function (i) { return records[i].id; });
    },
    highlighted: function () { return focusIds === null ? [] : focusIds.slice(); },
    visibleNodeIds: function () {
      return records.filter(function (n, i) { return !hidden[i]; })
        .map(function (n) { return n.id; });
    }
  };
})();
