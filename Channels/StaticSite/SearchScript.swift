/// The site's own search script (`assets/search.js`), embedded like the templates. It reads the
/// query from `?q=`, loads the index shards its terms hash to, intersects their postings, adds
/// exact 索引号/文号 matches, and shows 20 results at a time from the record files. Term rules
/// and the hash are `SearchIndex`'s, character for character. Text goes in with `textContent`.
enum SearchScript {
    /// Where the script is published.
    static let path = "assets/search.js"

    static let text = #"""
    (function () {
      "use strict";
      var form = document.getElementById("search-form");
      var input = document.getElementById("search-q");
      var status = document.getElementById("search-status");
      var list = document.getElementById("search-results");
      var more = document.getElementById("search-more");
      if (!form || !input || !status || !list || !more) return;
      var root = form.getAttribute("data-root") || "../";
      var base = root + "search/";
      var PAGE = 20;
      var cache = {};

      function load(path) {
        if (!cache[path]) {
          cache[path] = fetch(base + path).then(function (r) {
            if (r.status === 404) return null;
            if (!r.ok) throw new Error("HTTP " + r.status);
            return r.json();
          });
        }
        return cache[path];
      }
      function normalize(text) {
        var out = [];
        for (var ch of text.normalize("NFKC")) {
          var v = ch.codePointAt(0);
          out.push(v >= 65 && v <= 90 ? String.fromCodePoint(v + 32) : ch);
        }
        return out;
      }
      function isHan(v) {
        return (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF);
      }
      function isWord(v) { return (v >= 48 && v <= 57) || (v >= 97 && v <= 122); }
      function terms(text) {
        var s = normalize(text), terms = [], seen = {}, i = 0;
        function add(t) { if (!seen[t]) { seen[t] = true; terms.push(t); } }
        while (i < s.length) {
          var v = s[i].codePointAt(0), end = i;
          if (isHan(v)) {
            while (end < s.length && isHan(s[end].codePointAt(0))) end++;
            if (end - i === 1) add(s[i]); else for (var k = i; k < end - 1; k++) add(s[k] + s[k + 1]);
            i = end;
          } else if (isWord(v)) {
            while (end < s.length && isWord(s[end].codePointAt(0))) end++;
            add(s.slice(i, end).join(""));
            i = end;
          } else {
            i++;
          }
        }
        return terms;
      }
      function key(text) {
        var k = normalize(text).filter(function (c) { return " \t\n\r\f\v".indexOf(c) < 0; }).join("");
        return k ? "=" + k : null;
      }
      function shard(term, count) {
        var h = 2166136261;
        for (var ch of term) { h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 16777619) >>> 0; }
        return h % count;
      }
      function decode(text) {
        var docs = [], prev = -1;
        if (!text) return docs;
        text.split(",").forEach(function (part) {
          var p = part.split(":"), start = prev + parseInt(p[0], 36), extra = p.length > 1 ? parseInt(p[1], 36) : 0;
          for (var d = start; d <= start + extra; d++) docs.push(d);
          prev = start + extra;
        });
        return docs;
      }
      function postings(term, layout) {
        return load("t/" + shard(term, layout.shards) + ".json").then(function (s) {
          return s && Object.prototype.hasOwnProperty.call(s, term) ? decode(s[term]) : [];
        });
      }
      function intersect(lists) {
        if (!lists.length) return [];
        lists.sort(function (a, b) { return a.length - b.length; });
        var result = lists[0];
        for (var i = 1; i < lists.length; i++) {
          var set = new Set(lists[i]);
          result = result.filter(function (d) { return set.has(d); });
        }
        return result;
      }
      function say(text) { status.textContent = text; }
      function show(results, layout, from) {
        var page = results.slice(from, from + PAGE);
        var groups = Array.from(new Set(page.map(function (d) { return Math.floor(d / layout.group); })));
        return Promise.all(groups.map(function (g) { return load("r/" + g + ".json"); })).then(function (files) {
          var byGroup = {};
          groups.forEach(function (g, i) { byGroup[g] = files[i] || []; });
          page.forEach(function (d) {
            var r = byGroup[Math.floor(d / layout.group)][d % layout.group];
            if (!r) return;
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = root + r[5];
            a.textContent = r[0];
            var meta = document.createElement("span");
            meta.className = "result-meta";
            meta.textContent = [r[4], r[3], r[1] ? "索引号 " + r[1] : "", r[2] ? "文号 " + r[2] : ""].filter(Boolean).join(" · ");
            li.appendChild(a);
            li.appendChild(meta);
            list.appendChild(li);
          });
          var shown = Math.min(results.length, from + PAGE);
          more.hidden = shown >= results.length;
          more.onclick = function () { show(results, layout, shown); };
        });
      }
      function run(query) {
        list.textContent = "";
        more.hidden = true;
        var ts = terms(query), k = key(query);
        if (!k) { say("请输入要检索的标题、索引号或文号。"); return; }
        say("正在检索…");
        load("index.json").then(function (layout) {
          if (!layout) throw new Error("no index");
          var byTerms = ts.length ? Promise.all(ts.map(function (t) { return postings(t, layout); })).then(intersect) : Promise.resolve([]);
          return Promise.all([byTerms, postings(k, layout)]).then(function (found) {
            var all = Array.from(new Set(found[0].concat(found[1]))).sort(function (a, b) { return b - a; });
            say(all.length ? "“" + query + "”共找到 " + all.length + " 条结果。" : "没有找到与“" + query + "”相关的信息。");
            return show(all, layout, 0);
          });
        }).catch(function () { say("检索暂时不可用，请稍后再试。"); });
      }
      var q = new URLSearchParams(window.location.search).get("q") || "";
      input.value = q;
      if (q.trim()) run(q.trim());
    })();

    """#
}
