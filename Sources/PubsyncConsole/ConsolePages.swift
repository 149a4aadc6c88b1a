import Foundation
import Hummingbird
import PubsyncCore

/// The console's read-only pages: dashboard, review queue, item, flags, report.
struct ConsolePages: Sendable {
    let routes: ConsoleRoutes

    private var store: ItemStore { routes.store }
    private var config: PubsyncConfig { routes.config }

    /// Fixed texts for `?notice=` after an action (never the query text itself).
    static let notices: [String: String] = [
        "approved": "审核意见已记录。",
        "published": "审核通过：该版本将在发布日期到达后的下次同步中发布。",
        "retracted": "已撤回：下次同步时将从所有渠道下线。",
        "dismissed": "审计标记已排除。",
        "held": "审核意见已记录；但该版本有未处理的审计标记，排除标记之前不会发布。",
    ]

    func notice(_ request: Request) -> String? {
        request.uri.queryParameters.get("notice").flatMap { Self.notices[$0] }
    }

    func dashboard(_ session: StaffSession, _ request: Request) async throws -> Response {
        let store = self.store, config = self.config
        let data = try await offThread { () -> ([String: ItemLifecycle], [(ConfiguredChannel, LedgerSummary, ChannelActivity)], Int, [Event]) in
            let channels = try config.channels.map { ($0, try store.ledgerSummary(channel: $0.name), try store.activity(channel: $0.name)) }
            return (try store.lifecycles(config: config), channels, try store.openFlagCount(), try store.events(limit: 15))
        }
        var context = try await routes.base(session, nav: "dashboard", notice: notice(request))
        context["stateCounts"] = ItemStateDisplay.cards(data.0)
        context["openFlags"] = data.2
        context["flagsAlert"] = data.2 > 0
        context["channels"] = data.1.map { channel, summary, activity -> [String: Any] in
            ["name": channel.name, "title": channel.displayTitle, "kind": Self.kindLabel(channel.settings.kind),
             "live": summary.live, "pending": summary.pending, "failed": summary.failed, "rejected": summary.rejected,
             "retractions": summary.pendingRetractions, "failedBad": summary.failed > 0, "rejectedBad": summary.rejected > 0,
             "retractionsBad": summary.pendingRetractions > 0, "lastSync": activity.lastSync.map { routes.time($0) } ?? "从未同步"]
        }
        let findings = try await routes.checks.report(asOf: config.today(at: Date())).findings
        context["hasFindings"] = !findings.isEmpty
        context["findings"] = findings.map { finding -> [String: Any] in
            ["rule": CheckFindingsCache.ruleLabel(finding.rule), "code": finding.rule,
             "severity": CheckFindingsCache.severityLabel(finding.severity), "veto": finding.severity == .veto,
             "subject": finding.subject, "detail": finding.detail]
        }
        context["events"] = data.3.reversed().map(event)
        return routes.http.page("dashboard", context)
    }

    func queue(_ session: StaffSession, _ request: Request) async throws -> Response {
        let store = self.store
        let role = session.account.role.approvalRole
        let entries = try await offThread { () -> [(ReviewQueueEntry, Revision, Revision?, Bool)] in
            let flags = try store.flags()
            let queue = try store.reviewQueue(role: role)
            return try queue.compactMap { entry in
                guard let head = try store.revision(item: entry.item, rev: entry.rev) else { return nil }
                let approved = try entry.approvedRev.flatMap { try store.revision(item: entry.item, rev: $0) }
                return (entry, head, approved, flags.contains { $0.item == entry.item && $0.rev == entry.rev })
            }
        }
        var context = try await routes.base(session, nav: "queue", notice: notice(request))
        context["scope"] = role.map { "（\(ItemStateDisplay.label($0))）" } ?? "（全部，只读）"
        context["entries"] = entries.map { entry, head, approved, held -> [String: Any] in
            let diff = RevisionDiff(old: approved?.content, new: head.content)
            let already = entry.approvals.contains { $0.by == session.account.name }
            var row: [String: Any] = [
                "id": entry.item, "rev": entry.rev, "title": head.content.title, "category": head.content.category,
                "published": head.content.published.description, "sensitive": entry.sensitive, "held": held,
                "approvals": entry.approvals.map { ["by": $0.by, "roleLabel": ItemStateDisplay.label($0.role)] },
                "fields": diff.fields.map { ["label": $0.label, "old": $0.old, "new": $0.new, "changed": $0.changed] },
                "lines": diff.lines.map { ["kind": $0.kind.rawValue, "text": $0.text, "mark": Self.mark($0.kind)] },
                "csrf": session.csrf,
            ]
            if let approvedRev = entry.approvedRev { row["approvedRev"] = approvedRev }
            if let role, !already {
                row["canApprove"] = true
                row["role"] = role.rawValue
                row["roleLabel"] = ItemStateDisplay.label(role)
            }
            return row
        }
        return routes.http.page("queue", context)
    }

    func item(_ session: StaffSession, _ request: Request, id: String) async throws -> Response {
        guard ItemID.isValid(id) else { throw PubsyncError(.notFound, "no item '\(id.prefix(140))' in the store") }
        let store = self.store
        let config = self.config
        let (detail, flags, events, lifecycle) = try await offThread {
            (try store.itemDetail(id: id), try store.flags(all: true).filter { $0.item == id }, try store.events(item: id, limit: 200),
             try store.lifecycles(ids: [id], config: config)[id])
        }
        guard let head = detail.revisions.last?.revision, let lifecycle else { throw PubsyncError(.notFound, "no item '\(id)' in the store") }
        let state = ItemStateDisplay.state(lifecycle.state)
        var context = try await routes.base(session, notice: notice(request))
        context["id"] = id
        context["title"] = head.content.title
        context["stateLabel"] = state.label
        context["stateTone"] = state.tone
        if let headState = lifecycle.headState {
            context["headStateLabel"] = "第 \(detail.state.headRev) 版：" + ItemStateDisplay.state(headState).label
        }
        context["headRev"] = detail.state.headRev
        if let approvedRev = detail.state.approvedRev { context["approvedRev"] = approvedRev }
        context["fields"] = RevisionDiff.fieldTexts(head.content).filter { !$0.value.isEmpty }.map { ["label": $0.label, "value": $0.value] }
        context["body"] = head.content.body
        context["hasChannels"] = !detail.ledger.isEmpty
        context["channels"] = detail.ledger.map { row -> [String: Any] in
            ["name": row.channel, "state": ItemStateDisplay.label(row.state), "rev": row.rev.map { "第 \($0) 版" } ?? "—",
             "first": routes.time(row.firstPublishedAt), "last": routes.time(row.lastPublishedAt), "error": row.lastError ?? ""]
        }
        context["revisions"] = detail.revisions.reversed().map { revision, approvals -> [String: Any] in
            ["rev": revision.rev, "title": revision.content.title, "published": revision.content.published.description, "author": revision.author,
             "approvals": approvals.map { approval -> [String: Any] in
                 var row: [String: Any] = ["by": approval.by, "roleLabel": ItemStateDisplay.label(approval.role), "at": routes.time(approval.at)]
                 if let comment = approval.comment, !comment.isEmpty { row["comment"] = comment }
                 return row
             }]
        }
        context["hasFlags"] = !flags.isEmpty
        context["flags"] = flags.map { ["id": $0.id, "rev": $0.rev, "rule": $0.rule, "excerpt": $0.excerpt, "status": ItemStateDisplay.label($0.status)] }
        context["canRetract"] = session.account.role == .auditor && detail.state.status != .retracted
        context["events"] = events.reversed().map(event)
        return routes.http.page("item", context)
    }

    func flags(_ session: StaffSession, _ request: Request) async throws -> Response {
        let store = self.store
        let (flags, titles) = try await offThread { () -> ([AuditFlag], [String: String]) in
            let flags = try store.flags()
            return (flags, try store.titles(of: flags.map(\.item)))
        }
        var context = try await routes.base(session, nav: "flags", notice: notice(request))
        let canDismiss = session.account.role == .auditor
        context["canDismiss"] = canDismiss
        context["hasFlags"] = !flags.isEmpty
        context["flags"] = flags.map { flag -> [String: Any] in
            ["id": flag.id, "item": flag.item, "itemTitle": titles[flag.item] ?? flag.item, "rev": flag.rev, "rule": flag.rule,
             "excerpt": flag.excerpt, "foundAt": routes.time(flag.foundAt), "canDismiss": canDismiss, "csrf": session.csrf]
        }
        return routes.http.page("flags", context)
    }

    func report(_ session: StaffSession, _ request: Request) async throws -> Response {
        let today = config.today(at: Date())
        var year = today.year
        if let text = request.uri.queryParameters.get("year") {
            guard let value = Int(text), (1900...9999).contains(value) else {
                throw PubsyncError(.usage, "年度应为四位数字，如 2014。")
            }
            year = value
        }
        let store = self.store, channels = config.channels, now = Date(), chosen = year
        let report = try await offThread {
            try store.disclosureReport(from: LocalDate(year: chosen, month: 1, day: 1)!, to: LocalDate(year: chosen, month: 12, day: 31)!,
                                       asOf: now, channels: channels)
        }
        var context = try await routes.base(session, nav: "report")
        context["year"] = year
        context["asOf"] = routes.time(report.asOf)
        context["channels"] = report.channels.map { channel -> [String: Any] in
            ["title": channel.title, "published": channel.counts.published, "updated": channel.counts.updated,
             "retracted": channel.counts.retracted, "live": channel.counts.live]
        }
        context["total"] = ["published": report.total.published, "updated": report.total.updated, "retracted": report.total.retracted, "live": report.total.live]
        return routes.http.page("report", context)
    }

    private func event(_ event: Event) -> [String: Any] {
        var row: [String: Any] = ["at": routes.time(event.at), "actor": event.actor, "action": ItemStateDisplay.label(action: event.action), "channel": event.channel ?? "",
                                  "detail": event.detail]
        if let item = event.item { row["item"] = item }
        return row
    }

    static func mark(_ kind: RevisionDiff.Line.Kind) -> String {
        switch kind {
        case .add: return "+"
        case .del: return "−"
        case .same: return ""
        case .skip: return "⋯"
        }
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "static-site": return "网站"
        case "http-push": return "门户推送"
        case "feed": return "微博订阅"
        default: return kind
        }
    }
}
